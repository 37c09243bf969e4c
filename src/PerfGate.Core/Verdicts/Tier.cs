namespace PerfGate.Core.Verdicts;

/// <summary>Which rule produced a finding.</summary>
public enum Tier
{
    /// <summary>Tier 1: an absolute budget (target, warning and error levels) from the configuration.</summary>
    Target,

    /// <summary>Tier 2: the change against the committed baseline, with its uncertainty.</summary>
    Baseline,

    /// <summary>Tier 2: the change against the rolling median of recent main-branch runs in the history.</summary>
    History,

    /// <summary>Tier 3: a creeping trend over the history plus this run.</summary>
    Trend,

    /// <summary>Deterministic figures (allocated bytes, domain counts) compared exactly, with their own tolerance.</summary>
    Exact,

    /// <summary>Tier 2, primary in an A/B run: the change against the PR's base measured on the same runner in the same job, paired by round (SPEC §3b).</summary>
    SameRunner,
}
