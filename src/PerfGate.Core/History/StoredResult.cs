using System.Collections.Immutable;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>
/// One result row read back: a benchmark (<see cref="Benchmark"/> set) or a run-level metric (<see cref="Metric"/> set).
/// The benchmark's raw values are those stored: at most the store's cap, sampled evenly from each launch;
/// <see cref="OriginalValueCount"/> says how many there were.
/// </summary>
public sealed record StoredResult(
    long RunId,
    string SeriesKey,
    string DisplayName,
    string FullName,
    BenchmarkResult? Benchmark,
    MetricValue? Metric,
    ImmutableArray<double> LaunchMedians,
    int OriginalValueCount)
{
    /// <summary>The series value: the benchmark's median time in ns, or the metric's value; null when the benchmark failed.</summary>
    public double? Value => Metric?.Value ?? Benchmark?.Statistics?.Median;
}
