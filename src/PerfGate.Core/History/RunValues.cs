using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>One series' headline value in a recorded run: a benchmark's median in nanoseconds, a metric's value; null when the benchmark failed.</summary>
public readonly record struct SeriesValue(string SeriesKey, double? Value);

/// <summary>
/// A recorded run with only its series' headline values: what a trend needs, without the samples, statistics and names
/// that <see cref="RunWithResults"/> carries (a 7-day trend over 1,000 series reads ~170,000 of them).
/// </summary>
public sealed record RunValues(StoredRun Run, ImmutableArray<SeriesValue> Values)
{
    public static RunValues From(RunWithResults run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunValues(run.Run, [.. run.Results.Select(r => new SeriesValue(r.SeriesKey, r.Value))]);
    }
}
