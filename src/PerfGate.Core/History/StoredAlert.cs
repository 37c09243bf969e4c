using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>An alert as read back from the history, with its acknowledgement.</summary>
public sealed record StoredAlert(
    long Id,
    long? RunId,
    DateTimeOffset TriggeredAt,
    string Branch,
    string? Commit,
    Tier Tier,
    Severity Severity,
    string SeriesKey,
    string Metric,
    double? Current,
    double? Expected,
    double? DeviationPercent,
    string Message,
    bool Acknowledged,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? Notes);
