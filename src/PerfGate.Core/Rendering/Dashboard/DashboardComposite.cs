using PerfGate.Core.Scores;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>
/// The dashboard's first cards: the seeds' composite figures for the latest run of the branch, computed as
/// <c>perfgate status</c> computes them (<see cref="Operations.RunStatusBuilder"/>): the Performance Index over the run's
/// targeted figures and the Regression Score against the committed baseline (docs/index-and-score.md).
/// </summary>
public sealed record DashboardComposite(long RunId, DateTimeOffset Time, string? Commit, PerformanceIndex? Index, RegressionScore? Score);
