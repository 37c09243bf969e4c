using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>
/// A finding worth remembering, recorded with its run. <paramref name="Metric"/> names the figure within the series
/// (<c>time</c> for the statistical, trend and time-target findings, <c>allocated</c>, or a metric id); NaN values are stored as NULL and read back as NaN.
/// </summary>
public sealed record AlertRecord(
    Tier Tier,
    Severity Severity,
    string SeriesKey,
    string Metric,
    double CurrentValue,
    double ExpectedValue,
    double DeviationPercent,
    string Message);
