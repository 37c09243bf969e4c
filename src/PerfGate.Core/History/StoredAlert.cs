using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>
/// An alert read back. Alerts outlive their run (retention never deletes them): <see cref="RunId"/> becomes null
/// when the run is pruned, and branch, commit and fingerprint are kept on the alert itself.
/// </summary>
public sealed record StoredAlert(
    long Id,
    long? RunId,
    DateTimeOffset TriggeredAt,
    string Branch,
    string? Commit,
    int? PullRequest,
    string FingerprintKey,
    Tier Tier,
    Severity Severity,
    string SeriesKey,
    string Metric,
    double CurrentValue,
    double ExpectedValue,
    double DeviationPercent,
    string Message,
    bool Acknowledged,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? Notes)
{
    /// <summary>Why it was acknowledged; null when it is not, or was acknowledged before reasons were recorded.</summary>
    public AlertReason? Reason { get; init; }
}
