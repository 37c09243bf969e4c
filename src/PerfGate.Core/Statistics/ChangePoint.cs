using System.Collections.Immutable;

namespace PerfGate.Core.Statistics;

/// <summary>
/// A lasting step in a series: from <see cref="Index"/> on (the first run at the new level) the level moved by
/// <see cref="Percent"/> (Hodges–Lehmann shift of the log values, as a ratio), with its 95% interval.
/// </summary>
/// <param name="Index">Position of the first run after the step, in the analysed series (oldest first).</param>
/// <param name="RunsBefore">Runs at the old level (back to the previous change point or the start).</param>
/// <param name="RunsAfter">Runs at the new level (up to the next change point or the end).</param>
/// <param name="PValue">The permutation test's p for this split.</param>
public sealed record ChangePoint(int Index, double Percent, double LowerPercent, double UpperPercent, double PValue, int RunsBefore, int RunsAfter)
{
    public bool IsIncrease => Percent > 0;
}

/// <summary>A single run far off its level while the runs before and after agree: a spike, not a step.</summary>
/// <param name="Index">Position of the run in the analysed series.</param>
/// <param name="Percent">How far it was from its level.</param>
public sealed record Spike(int Index, double Percent);

/// <summary>What <see cref="ChangePointDetector"/> found in one series.</summary>
/// <param name="Steps">Lasting steps, oldest first.</param>
/// <param name="Spikes">One-run spikes, oldest first.</param>
/// <param name="Drifts">Significant splits rejected because one straight line explains the runs around them as well as two levels do (a slow drift, not a step).</param>
public sealed record ChangePointAnalysis(ImmutableArray<ChangePoint> Steps, ImmutableArray<Spike> Spikes, int Drifts)
{
    public static ChangePointAnalysis None { get; } = new([], [], 0);
}
