namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>One measurement of a series: the value a run produced (<see cref="RunId"/> 0: a daily aggregate of runs that retention pruned).</summary>
public sealed record DashboardPoint(DateTimeOffset Time, double Value, string? Commit, long RunId, string Branch);
