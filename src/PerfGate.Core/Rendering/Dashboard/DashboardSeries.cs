using System.Collections.Immutable;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>One benchmark metric over time.</summary>
/// <param name="Id">Stable identity (the benchmark key); alerts refer to it through <see cref="DashboardAlert.SeriesId"/>.</param>
/// <param name="DisplayName">What people read; any text, shown as text.</param>
/// <param name="Unit">"ns" for times (shown as ns/μs/ms/s), "B" for bytes (B/KiB/MiB/GiB), otherwise the metric's own unit.</param>
/// <param name="Points">The measurements, oldest first.</param>
/// <param name="BaselineMedian">The baseline's median, drawn as a dashed line; null when there is no baseline.</param>
/// <param name="P5">Lower edge of the baseline band.</param>
/// <param name="P95">Upper edge of the baseline band.</param>
/// <param name="Target">The target value, if one is set.</param>
/// <param name="BiggerIsBetter">False for times and allocations; true for throughput-like metrics.</param>
public sealed record DashboardSeries(
    string Id,
    string DisplayName,
    string Unit,
    ImmutableArray<DashboardPoint> Points,
    double? BaselineMedian,
    double? P5,
    double? P95,
    double? Target,
    bool BiggerIsBetter)
{
    /// <summary>Lasting steps in the series' main-branch runs (tier 3's change points), drawn as a marker on the chart.</summary>
    public ImmutableArray<DashboardStep> Steps { get; init; } = [];
}

/// <summary>A step on the chart: at <paramref name="Time"/> (the first run at the new level) the level moved by <paramref name="Percent"/>; <paramref name="Label"/> says it in full.</summary>
public sealed record DashboardStep(DateTimeOffset Time, double Percent, string Label);
