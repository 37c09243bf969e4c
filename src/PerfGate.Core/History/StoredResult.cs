using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>One series' figures in one recorded run. Times are nanoseconds per operation; a metric's value is in <see cref="Unit"/>.</summary>
public sealed record StoredResult(
    long RunId,
    string SeriesKey,
    string DisplayName,
    double? Value,
    double? Mean,
    double? StandardDeviation,
    double? Min,
    double? Max,
    int N,
    ImmutableArray<double> LaunchMedians,
    double? AllocatedBytes,
    ImmutableArray<double> Raw,
    bool Failed,
    string Unit);
