namespace PerfGate.Core.Verdicts;

/// <summary>Where the compared runs came from, for the report's header.</summary>
public sealed record RunContext
{
    public string? HeadCommit { get; init; }

    public string? HeadBranch { get; init; }

    public string? BaselineCommit { get; init; }

    public string? CurrentFingerprint { get; init; }

    public string? BaselineFingerprint { get; init; }

    /// <summary>True when the baseline was measured on a different machine or runtime than this run.</summary>
    public bool FingerprintMismatch { get; init; }

    /// <summary>How many recorded main-branch runs the history tiers used (0 when there is no history).</summary>
    public int HistoryRuns { get; init; }

    /// <summary>True when this run had raw measurements; false for brief (statistics-only) results.</summary>
    public bool HasMeasurements { get; init; } = true;

    public DateTimeOffset? Timestamp { get; init; }
}
