using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>An alert to store with a run: one finding at warning or worse (seeds §2.1 performance_alerts).</summary>
public sealed record AlertRecord(
    Tier Tier,
    Severity Severity,
    string SeriesKey,
    string Metric,
    double Current,
    double Expected,
    double DeviationPercent,
    string Message);
