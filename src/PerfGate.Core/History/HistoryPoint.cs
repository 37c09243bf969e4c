using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>
/// One recorded run's figure for one series (a benchmark's time, or a run-level metric), as the history tiers
/// need it. <see cref="Value"/> is the run's median time per operation in nanoseconds for a benchmark, the value
/// for a metric. <see cref="LaunchMedians"/> holds the per-launch medians when the run had several launches.
/// </summary>
public sealed record HistoryPoint(
    long RunId,
    DateTimeOffset Timestamp,
    string? Commit,
    string FingerprintKey,
    double Value,
    double? AllocatedBytes,
    ImmutableArray<double> LaunchMedians);
