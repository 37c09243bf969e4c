namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>An alert row from the history.</summary>
/// <param name="SeriesId">The <see cref="DashboardSeries.Id"/> it belongs to; the nearest point of that series within a day is marked on its chart.</param>
/// <param name="Severity">ok | warning | error | critical.</param>
/// <param name="ChangePercent">Change against the expected value, in percent (12.5 means +12.5 %).</param>
public sealed record DashboardAlert(
    long Id,
    DateTimeOffset Time,
    string SeriesId,
    string Tier,
    string Severity,
    string Metric,
    double? Current,
    double? Expected,
    double? ChangePercent,
    string Message,
    bool Acknowledged,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? Notes);
