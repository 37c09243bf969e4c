namespace PerfGate.Core.Statistics;

/// <summary>How <see cref="ChangePointDetector"/> decides that a series stepped (docs/how-the-gate-decides.md, tier 3).</summary>
public sealed record ChangePointOptions
{
    /// <summary>The permutation test's level: a split is a change point when at most this share of shuffled series split as well.</summary>
    public double SignificanceLevel { get; init; } = 0.01;

    /// <summary>Shuffled copies per tested split (the smallest attainable p is 1/(permutations + 1)).</summary>
    public int Permutations { get; init; } = 199;

    /// <summary>Fewest runs on each side of a change point: a step is lasting only when this many runs stayed at the new level.</summary>
    public int MinimumRunsAfter { get; init; } = 4;

    /// <summary>Smaller level changes (the Hodges–Lehmann shift, in percent) are not reported.</summary>
    public double MinimumStepPercent { get; init; } = 5;

    /// <summary>A single run farther than this many robust standard deviations from its level is a spike.</summary>
    public double SpikeCutoff { get; init; } = 4;

    /// <summary>Seed of the permutations: the same series gives the same answer every time.</summary>
    public ulong Seed { get; init; } = 0x5EED_C4A9_6E00_0001UL;

    public static ChangePointOptions Default { get; } = new();
}
