using System.Collections.Immutable;

namespace PerfGate.Core.Results;

/// <summary>
/// One benchmark case's result in one run. Times are nanoseconds per operation.
/// A benchmark that failed to run (no measurements, no statistics) has <see cref="FailedToRun"/> set.
/// </summary>
public sealed record BenchmarkResult
{
    public required BenchmarkId Id { get; init; }

    /// <summary>BenchmarkDotNet's FullName (type, method and parameters as BDN wrote them), kept for people and for matching renamed ids.</summary>
    public string FullName { get; init; } = "";

    /// <summary>Workload measurements grouped by launch; empty when the source had none (brief exporters, failed runs, PerfGate's aggregates).</summary>
    public ImmutableArray<Launch> Launches { get; init; } = [];

    /// <summary>Raw per-operation times when known without launch grouping (BDN's <c>Statistics.OriginalValues</c>); empty otherwise.</summary>
    public ImmutableArray<double> OriginalValues { get; init; } = [];

    /// <summary>Null when the benchmark failed to run.</summary>
    public TimeStatistics? Statistics { get; init; }

    /// <summary>Bytes allocated per operation (MemoryDiagnoser), null when not measured.</summary>
    public double? AllocatedBytesPerOperation { get; init; }

    /// <summary>Gen0/Gen1/Gen2 collections per 1000 operations and other metrics, plus custom metrics attached to this benchmark.</summary>
    public ImmutableArray<MetricValue> Metrics { get; init; } = [];

    public bool FailedToRun => Statistics is null;

    /// <summary>All workload values, launches concatenated, or <see cref="OriginalValues"/> when there are no launches.</summary>
    public ImmutableArray<double> AllValues =>
        Launches.IsDefaultOrEmpty ? (OriginalValues.IsDefault ? [] : OriginalValues) : [.. Launches.SelectMany(l => l.NanosecondsPerOperation)];
}
