namespace PerfGate.Core.Verdicts;

/// <summary>The thresholds a verdict was made with, echoed in every report so a reader knows the rules.</summary>
public sealed record GateThresholds(
    double WarningPercent,
    double FailPercent,
    double CriticalPercent,
    double SignificanceLevel,
    int HistoryWindow);
