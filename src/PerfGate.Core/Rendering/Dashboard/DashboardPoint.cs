namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>One measurement of a series: the value a run produced.</summary>
public sealed record DashboardPoint(DateTimeOffset Time, double Value, string? Commit, long RunId, string Branch);
