using PerfGate.Core.History;

namespace PerfGate.Core.Rules;

/// <summary>
/// A person's statement that a recorded alert is expected ("the new parser is slower on purpose"): the gate then lets
/// later runs of the same series and metric pass while they stay within <see cref="AcknowledgedValue"/> plus the slack
/// (see <see cref="AcknowledgementRule"/> and docs/alerts.md).
/// </summary>
/// <param name="AlertId">The acknowledged alert's id in the history.</param>
/// <param name="SeriesKey">The series: a benchmark's <c>BenchmarkId.Key</c>, or <c>metric:ID</c>.</param>
/// <param name="Metric">The figure within the series: <c>time</c>, <c>allocated</c> or a metric id.</param>
/// <param name="AcknowledgedValue">The value the alert recorded (ns, bytes or the metric's unit): the accepted level.</param>
/// <param name="By">Who acknowledged it.</param>
/// <param name="At">When it was acknowledged: the newest acknowledgement of a series and metric is the one that counts.</param>
/// <param name="Notes">Why.</param>
public sealed record Acknowledgement(
    long AlertId,
    string SeriesKey,
    string Metric,
    double AcknowledgedValue,
    string By,
    DateTimeOffset At,
    string? Notes)
{
    /// <summary>
    /// The acknowledgement an acknowledged stored alert carries; null when the alert is not acknowledged, or was
    /// acknowledged as a false alarm or an environment change (nothing in the code moved, so no new level is accepted).
    /// </summary>
    public static Acknowledgement? From(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert is { Acknowledged: true, AcknowledgedBy: { } by, AcknowledgedAt: { } at } && AlertReasons.AcceptsLevel(alert.Reason)
            ? new Acknowledgement(alert.Id, alert.SeriesKey, alert.Metric, alert.CurrentValue, by, at, alert.Notes)
            : null;
    }
}
