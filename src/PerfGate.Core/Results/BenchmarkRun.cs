using System.Collections.Immutable;

namespace PerfGate.Core.Results;

/// <summary>
/// One run of a benchmark suite: every result read from one or more BenchmarkDotNet files (and custom metric
/// files), with where it was measured. Run-level custom metrics that name no benchmark are in <see cref="Metrics"/>.
/// </summary>
public sealed record BenchmarkRun
{
    public required HostFingerprint Host { get; init; }

    public ImmutableArray<BenchmarkResult> Results { get; init; } = [];

    public ImmutableArray<MetricValue> Metrics { get; init; } = [];

    public ResultDetail Detail { get; init; } = ResultDetail.Measurements;

    /// <summary>The files this run was read from, for messages.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    public string? Commit { get; init; }

    public string? Branch { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Problems that did not stop the read (a skipped benchmark, a missing field), each naming the file.</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];
}
