using System.Collections.Immutable;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>Everything the static HTML dashboard shows, filled from the history.</summary>
/// <param name="GeneratedAt">The "now" of the page: time ranges (24 h, 7 d, 30 d) count back from it, not from the browser's clock.</param>
/// <param name="Title">Page title and heading.</param>
/// <param name="Series">One entry per benchmark/metric, each with a card and a trend chart.</param>
/// <param name="Alerts">Alerts from the history; those inside the chosen range fill the alert table.</param>
/// <param name="Note">Optional line shown under the heading (e.g. where the data came from).</param>
/// <param name="Composite">The latest run's Performance Index and Regression Score, the first cards; null when the branch has no run.</param>
public sealed record DashboardData(
    DateTimeOffset GeneratedAt,
    string Title,
    ImmutableArray<DashboardSeries> Series,
    ImmutableArray<DashboardAlert> Alerts,
    string? Note,
    DashboardComposite? Composite = null);
