using System.Collections.Immutable;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>A recorded run with its results, in the order they were recorded.</summary>
public sealed record RunWithResults(StoredRun Run, ImmutableArray<StoredResult> Results)
{
    /// <summary>Rebuilds the run as the results model has it, e.g. to compare two recorded commits.</summary>
    public BenchmarkRun ToBenchmarkRun() => new()
    {
        Host = Run.Host,
        Detail = Run.Detail,
        Sources = Run.Sources,
        Commit = Run.Commit,
        Branch = Run.Branch,
        Timestamp = Run.Timestamp,
        Results = [.. Results.Where(r => r.Benchmark is not null).Select(r => r.Benchmark!)],
        Metrics = [.. Results.Where(r => r.Metric is not null).Select(r => r.Metric!)],
    };
}
