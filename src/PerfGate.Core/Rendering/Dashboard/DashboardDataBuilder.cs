using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>
/// Turns history into <see cref="DashboardData"/>, one run at a time (so a long history is never held whole):
/// feed it the branch's runs oldest first (<see cref="AddRun"/>), then each series' daily aggregates
/// (<see cref="AddAggregates"/>), then <see cref="Build"/> with the alerts. Pure: no I/O, no clock.
/// <list type="bullet">
/// <item>One series per series key: a benchmark's median time per operation (unit ns), or a run-level metric's value in its unit.</item>
/// <item>A raw run is one point; a daily aggregate (what retention keeps of older days) is one point at noon UTC of its
/// day, valued at its median of medians, unless raw points of that series exist for that day.</item>
/// <item>Reference band: the committed baseline's median and the p5/p95 of its measurements when it has the series;
/// otherwise the rolling reference, the median and p5/p95 of the series' last <c>HistoryWindow</c> points.</item>
/// </list>
/// </summary>
public sealed class DashboardDataBuilder
{
    /// <summary>Time of day at which a daily aggregate is drawn.</summary>
    public static readonly TimeSpan AggregateTimeOfDay = TimeSpan.FromHours(12);

    private readonly DashboardBuildOptions _options;
    private readonly Dictionary<string, SeriesAccumulator> _series = new(StringComparer.Ordinal);
    private readonly List<SeriesAccumulator> _order = [];
    private int _runs;
    private DateTimeOffset? _firstRun;
    private DateTimeOffset? _lastRun;
    private RunWithResults? _latest;

    public DashboardDataBuilder(DashboardBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Series keys seen so far, in the order they first appeared.</summary>
    public IReadOnlyList<string> SeriesKeys => [.. _order.Select(s => s.Key)];

    /// <summary>Raw runs taken so far.</summary>
    public int Runs => _runs;

    /// <summary>Adds one run's results as points; a run on another branch or before <see cref="DashboardBuildOptions.From"/> is ignored.</summary>
    public void AddRun(RunWithResults run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Wanted(run.Run.Branch, run.Run.Timestamp))
        {
            return;
        }

        _runs++;
        _firstRun = _firstRun is { } first && first <= run.Run.Timestamp ? first : run.Run.Timestamp;
        _latest = _latest is { } latest && latest.Run.Timestamp > run.Run.Timestamp ? latest : run;
        _lastRun = _lastRun is { } last && last >= run.Run.Timestamp ? last : run.Run.Timestamp;
        foreach (var result in run.Results)
        {
            var series = Series(result.SeriesKey);
            series.DisplayName = result.DisplayName;
            if (result.Metric is { } metric)
            {
                series.Unit = metric.Unit;
                series.BiggerIsBetter = metric.BiggerIsBetter;
            }

            if (result.Value is { } value && double.IsFinite(value))
            {
                series.Raw.Add(new DashboardPoint(run.Run.Timestamp, value, run.Run.Commit, run.Run.Id, run.Run.Branch));
            }
        }
    }

    /// <summary>Adds daily aggregates (of any series); those of other branches or before the range are ignored.</summary>
    public void AddAggregates(IEnumerable<DailyAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        foreach (var aggregate in aggregates)
        {
            if (Wanted(aggregate.Branch, TimeOf(aggregate.Day)) && double.IsFinite(aggregate.MedianOfMedians))
            {
                Series(aggregate.SeriesKey).Aggregates.Add(aggregate);
            }
        }
    }

    /// <summary>The dashboard: every series seen, with its reference and target, and the branch's alerts inside the range.</summary>
    public DashboardData Build(IEnumerable<StoredAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var fromBaseline = 0;
        var rolling = 0;
        var aggregatePoints = 0;
        var series = ImmutableArray.CreateBuilder<DashboardSeries>(_order.Count);
        foreach (var s in _order)
        {
            var points = s.Points();
            aggregatePoints += points.Count(p => p.RunId == 0);
            var reference = BaselineReference(s.Key);
            if (reference is not null)
            {
                fromBaseline++;
            }
            else
            {
                reference = RollingReference(points, _options.Gate.Statistics.HistoryWindow);
                rolling += reference is null ? 0 : 1;
            }

            var (target, targetBiggerIsBetter) = Target(s.Key);
            series.Add(new DashboardSeries(
                s.Key,
                s.DisplayName ?? s.Key,
                s.Unit,
                points,
                reference?.Median,
                reference?.P5,
                reference?.P95,
                target,
                s.BiggerIsBetter || targetBiggerIsBetter)
            {
                Steps = StepsOf(s.Key, s.Raw, _options.Gate.Trend),
            });
        }

        var shown = alerts
            .Where(a => Wanted(a.Branch, a.TriggeredAt))
            .OrderByDescending(a => a.TriggeredAt).ThenByDescending(a => a.Id)
            .Select(ToDashboard)
            .ToImmutableArray();
        return new DashboardData(_options.Now, _options.Title, series.MoveToImmutable(), shown, Note(aggregatePoints, fromBaseline, rolling), Composite());
    }

    /// <summary>The latest run's index and score, as <c>perfgate status</c> computes them; null without a run.</summary>
    private DashboardComposite? Composite()
    {
        if (_latest is not { } latest)
        {
            return null;
        }

        var status = new RunStatusBuilder(latest, _options.Gate, _options.Baseline, [], TimeSpan.FromDays(7)).Build();
        return new DashboardComposite(latest.Run.Id, latest.Run.Timestamp, latest.Run.Commit, status.PerformanceIndex, status.RegressionScore);
    }

    /// <summary>
    /// The change-point tier's steps in a benchmark's recorded runs on the charted branch (the newest
    /// <see cref="MainStepScan.Runs"/>; pruned days and metrics are left out), as chart markers.
    /// </summary>
    public static ImmutableArray<DashboardStep> StepsOf(string key, IEnumerable<DashboardPoint> raw, Configuration.TrendOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (SeriesKey.IsMetric(key))
        {
            return [];
        }

        var newestFirst = raw.Where(p => p.RunId > 0 && double.IsFinite(p.Value) && p.Value > 0)
            .OrderByDescending(p => p.Time).ThenByDescending(p => p.RunId)
            .Select(p => new HistoryPoint(p.RunId, p.Time, p.Commit, "", p.Value, null, []))
            .ToArray();
        return [.. MainStepScan.Find(newestFirst, options)
            .Select(m => new DashboardStep(m.FirstRunAfter.Timestamp, m.Step.Percent, m.Describe()))];
    }

    /// <summary>The median and p5/p95 (linear interpolation) of the last <paramref name="window"/> values; null when there is none.</summary>
    public static Reference? RollingReference(IReadOnlyList<DashboardPoint> points, int window)
    {
        ArgumentNullException.ThrowIfNull(points);
        var values = points.Skip(Math.Max(0, points.Count - window)).Select(p => p.Value).Where(double.IsFinite).ToArray();
        return Reference.Of(values);
    }

    /// <summary>Where an aggregated day is drawn: noon UTC of that day.</summary>
    public static DateTimeOffset TimeOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + AggregateTimeOfDay;

    private Reference? BaselineReference(string key)
    {
        if (_options.Baseline is not { } baseline)
        {
            return null;
        }

        if (SeriesKey.IsMetric(key))
        {
            var id = key[SeriesKey.MetricPrefix.Length..];
            return baseline.Metrics.FirstOrDefault(m => m.Id == id) is { } metric && double.IsFinite(metric.Value)
                ? new Reference(metric.Value, null, null)
                : null;
        }

        var result = baseline.Results.FirstOrDefault(r => r.Id.Key == key);
        if (result?.Statistics is not { } statistics)
        {
            return null;
        }

        var values = result.AllValues;
        return values.IsDefaultOrEmpty
            ? new Reference(statistics.Median, statistics.P5, statistics.P95)
            : new Reference(statistics.Median, Quantiles.Of(values, 0.05), Quantiles.Of(values, 0.95));
    }

    private (double? Target, bool BiggerIsBetter) Target(string key)
    {
        var configured = SeriesKey.IsMetric(key)
            ? TargetMatcher.ForRunMetric(_options.Gate.Targets, key[SeriesKey.MetricPrefix.Length..])
            : TargetMatcher.ForBenchmarkTime(_options.Gate.Targets, key);
        if (configured is not null)
        {
            return (configured.Target, configured.BiggerIsBetter);
        }

        var stored = _options.StoredTargets.IsDefault ? null : _options.StoredTargets.FirstOrDefault(t => t.Active && t.SeriesKey == key);
        return (stored?.Target, false);
    }

    private string Note(int aggregatePoints, int fromBaseline, int rolling)
    {
        var parts = new List<string>();
        var runs = _runs switch
        {
            0 => $"branch {_options.Branch}: no runs",
            1 => $"branch {_options.Branch}: 1 run ({Day(_firstRun!.Value)})",
            _ => string.Create(CultureInfo.InvariantCulture, $"branch {_options.Branch}: {_runs:N0} runs from {Day(_firstRun!.Value)} to {Day(_lastRun!.Value)}"),
        };
        parts.Add(aggregatePoints > 0 ? string.Create(CultureInfo.InvariantCulture, $"{runs} and {aggregatePoints:N0} daily aggregate points of older days") : runs);
        var window = _options.Gate.Statistics.HistoryWindow;
        var rollingText = string.Create(CultureInfo.InvariantCulture, $"rolling median and p5–p95 of the last {window} points");
        parts.Add((fromBaseline, rolling) switch
        {
            (0, 0) => "no reference band",
            (0, _) => "band: " + rollingText,
            (_, 0) => "band: committed baseline (its median and the p5–p95 of its measurements)",
            _ => string.Create(CultureInfo.InvariantCulture, $"band: committed baseline for {fromBaseline} series, {rollingText} for {rolling}"),
        });
        return string.Join(" · ", parts);
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private bool Wanted(string branch, DateTimeOffset time) =>
        branch == _options.Branch && (_options.From is not { } from || time >= from);

    private SeriesAccumulator Series(string key)
    {
        if (!_series.TryGetValue(key, out var series))
        {
            series = new SeriesAccumulator(key);
            _series.Add(key, series);
            _order.Add(series);
        }

        return series;
    }

    private static DashboardAlert ToDashboard(StoredAlert a) => new(
        a.Id,
        a.TriggeredAt,
        a.SeriesKey,
        a.Tier.ToString().ToLowerInvariant(),
        a.Severity.ToString().ToLowerInvariant(),
        a.Metric,
        a.CurrentValue,
        a.ExpectedValue,
        a.DeviationPercent,
        a.Message,
        a.Acknowledged,
        a.AcknowledgedBy,
        a.AcknowledgedAt,
        a.Notes);

    /// <summary>A series' reference: the dashed median line and the shaded p5–p95 band.</summary>
    public sealed record Reference(double Median, double? P5, double? P95)
    {
        /// <summary>Median and p5/p95 by linear interpolation (<see cref="Quantiles"/>); null for no values.</summary>
        public static Reference? Of(IReadOnlyList<double> values) =>
            Quantiles.Of(values, 0.5) is { } median ? new Reference(median, Quantiles.Of(values, 0.05), Quantiles.Of(values, 0.95)) : null;
    }

    private sealed class SeriesAccumulator(string key)
    {
        public string Key { get; } = key;

        public string? DisplayName { get; set; }

        public string Unit { get; set; } = SeriesKey.IsMetric(key) ? "" : "ns";

        public bool BiggerIsBetter { get; set; }

        public List<DashboardPoint> Raw { get; } = [];

        public List<DailyAggregate> Aggregates { get; } = [];

        /// <summary>Raw points plus aggregates of days without raw points, oldest first.</summary>
        public ImmutableArray<DashboardPoint> Points()
        {
            var rawDays = Raw.Select(p => DateOnly.FromDateTime(p.Time.UtcDateTime)).ToHashSet();
            return
            [
                .. Raw.Concat(Aggregates
                        .Where(a => !rawDays.Contains(a.Day))
                        .Select(a => new DashboardPoint(TimeOf(a.Day), a.MedianOfMedians, null, 0, a.Branch)))
                    .OrderBy(p => p.Time),
            ];
        }
    }
}
