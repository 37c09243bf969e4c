namespace PerfGate.Core.Verdicts;

/// <summary>Where a benchmark stands after the same-runner A/B rounds (SPEC §3b).</summary>
public enum AbOutcome
{
    /// <summary>Slower than the fail threshold beyond the paired noise: fails.</summary>
    Confirmed,

    /// <summary>A slowdown at or above the fail threshold is ruled out (the interval's upper end is below it).</summary>
    Cleared,

    /// <summary>Neither: the rounds cannot tell yet; the verdict says how large a change they could detect.</summary>
    Undecided,
}
