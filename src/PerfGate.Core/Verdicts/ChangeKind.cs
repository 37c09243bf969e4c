namespace PerfGate.Core.Verdicts;

/// <summary>What happened to a benchmark between the baseline and this run.</summary>
public enum ChangeKind
{
    Unchanged,
    Regression,
    Improvement,

    /// <summary>In this run, not in the baseline.</summary>
    New,

    /// <summary>In the baseline, not in this run.</summary>
    Removed,

    /// <summary>Present but without measurements (the benchmark threw or was cancelled).</summary>
    FailedToRun,
}
