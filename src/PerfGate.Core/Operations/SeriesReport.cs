using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Operations;

/// <summary>
/// What <c>perfgate report</c> shows: one row per series seen in the window, and the window's alert totals.
/// </summary>
public sealed record SeriesReport(
    HistoryWindow Window,
    string? Branch,
    int Runs,
    int AggregatedDays,
    ImmutableArray<SeriesReportRow> Series,
    AlertCounts Alerts)
{
    /// <summary>The window's alerts by what their review found (<c>alerts ack --reason</c>), per series and overall.</summary>
    public AlertQuality Quality { get; init; } = AlertQuality.Of([]);
}

/// <summary>
/// One series over the window. Values are in <see cref="Unit"/> (ns for benchmarks). <see cref="ChangePercent"/> is the
/// latest value against the median of the window's older half (the first ⌊n/2⌋ points by time): positive means larger.
/// </summary>
public sealed record SeriesReportRow(
    string SeriesKey,
    string DisplayName,
    string Unit,
    int Runs,
    double Min,
    double Median,
    double Max,
    double Latest,
    DateTimeOffset LatestAt,
    double? EarlierMedian,
    double? ChangePercent,
    AlertCounts Alerts)
{
    public bool IsMetric => History.SeriesKey.IsMetric(SeriesKey);
}

/// <summary>Alerts counted by severity, and how many of them were acknowledged.</summary>
public sealed record AlertCounts(int Warning, int Error, int Critical, int Acknowledged)
{
    public static AlertCounts None { get; } = new(0, 0, 0, 0);

    public int Total => Warning + Error + Critical;

    /// <summary>The most severe alert counted; <see cref="Severity.Ok"/> when there is none.</summary>
    public Severity Worst => Critical > 0 ? Severity.Critical : Error > 0 ? Severity.Error : Warning > 0 ? Severity.Warning : Severity.Ok;

    public AlertCounts Add(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var acknowledged = Acknowledged + (alert.Acknowledged ? 1 : 0);
        return alert.Severity switch
        {
            Severity.Warning => this with { Warning = Warning + 1, Acknowledged = acknowledged },
            Severity.Error => this with { Error = Error + 1, Acknowledged = acknowledged },
            Severity.Critical => this with { Critical = Critical + 1, Acknowledged = acknowledged },
            _ => this,
        };
    }
}

/// <summary>
/// Builds a <see cref="SeriesReport"/> from runs fed one at a time (oldest first, as the history streams them), daily
/// aggregates of pruned days and alerts. Keeps only each series' values, never the runs. A daily aggregate counts as
/// its number of runs at its median of medians (its min and max are kept), so medians across pruned days are
/// approximate. Failed results (no value) are not points.
/// </summary>
public sealed class SeriesReportBuilder(HistoryWindow window, string? branch)
{
    private readonly Dictionary<string, SeriesPoints> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertCounts> _alerts = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _aggregatedDays = [];
    private AlertCounts _totals = AlertCounts.None;
    private readonly List<StoredAlert> _windowAlerts = [];
    private int _runs;

    /// <summary>Series seen so far (to ask the history for their daily aggregates).</summary>
    public IReadOnlyCollection<string> SeriesKeys => _series.Keys;

    /// <summary>Runs added so far.</summary>
    public int Runs => _runs;

    /// <summary>The UTC day of the oldest run added; aggregates are only taken for days before it.</summary>
    public DateOnly? FirstRunDay { get; private set; }

    public void AddRun(RunWithResults run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!window.Contains(run.Run.Timestamp) || (branch is not null && run.Run.Branch != branch))
        {
            return;
        }

        _runs++;
        var day = DateOnly.FromDateTime(run.Run.Timestamp.UtcDateTime);
        FirstRunDay = FirstRunDay is { } first && first <= day ? first : day;
        foreach (var result in run.Results)
        {
            if (result.Value is not { } value || !double.IsFinite(value))
            {
                continue;
            }

            Points(result.SeriesKey).Add(run.Run.Timestamp, value, 1, value, value, result.DisplayName, result.Metric?.Unit ?? "ns");
        }
    }

    /// <summary>Adds a pruned day of a series, when its day is in the window and older than every run added.</summary>
    public void AddAggregate(DailyAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (!window.Contains(aggregate.Day) || (FirstRunDay is { } first && aggregate.Day >= first) ||
            (branch is not null && aggregate.Branch != branch) || aggregate.Runs <= 0)
        {
            return;
        }

        _aggregatedDays.Add(aggregate.Day);
        var at = new DateTimeOffset(aggregate.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Points(aggregate.SeriesKey).Add(at, aggregate.MedianOfMedians, aggregate.Runs, aggregate.Min, aggregate.Max, null, null);
    }

    /// <summary>Counts an alert triggered in the window (on the branch, when one was given).</summary>
    public void AddAlert(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!window.Contains(alert.TriggeredAt) || (branch is not null && alert.Branch != branch))
        {
            return;
        }

        _alerts[alert.SeriesKey] = (_alerts.TryGetValue(alert.SeriesKey, out var counts) ? counts : AlertCounts.None).Add(alert);
        _windowAlerts.Add(alert);
        _totals = _totals.Add(alert);
    }

    /// <summary>Rows ordered by their worst alert (most severe first), then by name.</summary>
    public SeriesReport Build()
    {
        var rows = _series.Select(p => p.Value.ToRow(p.Key, _alerts.TryGetValue(p.Key, out var a) ? a : AlertCounts.None))
            .OrderByDescending(r => r.Alerts.Critical)
            .ThenByDescending(r => r.Alerts.Error)
            .ThenByDescending(r => r.Alerts.Warning)
            .ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .ThenBy(r => r.SeriesKey, StringComparer.Ordinal)
            .ToImmutableArray();
        return new SeriesReport(window, branch, _runs, _aggregatedDays.Count, rows, _totals) { Quality = AlertQuality.Of(_windowAlerts) };
    }

    private SeriesPoints Points(string key)
    {
        if (!_series.TryGetValue(key, out var points))
        {
            points = new SeriesPoints();
            _series.Add(key, points);
        }

        return points;
    }

    private sealed class SeriesPoints
    {
        private readonly List<(DateTimeOffset At, double Value, int Weight)> _points = [];
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;
        private string? _name;
        private string? _unit;

        public void Add(DateTimeOffset at, double value, int weight, double min, double max, string? name, string? unit)
        {
            _points.Add((at, value, weight));
            _min = Math.Min(_min, min);
            _max = Math.Max(_max, max);
            _name = name ?? _name;
            _unit = unit ?? _unit;
        }

        public SeriesReportRow ToRow(string key, AlertCounts alerts)
        {
            var ordered = _points.OrderBy(p => p.At).ToList();
            var values = ordered.SelectMany(p => Enumerable.Repeat(p.Value, p.Weight)).ToList();
            var latest = ordered[^1];
            double? earlier = values.Count >= 2 ? Quantiles.Median(values.Take(values.Count / 2).ToList()) : null;
            double? change = earlier is { } e && e != 0 ? (latest.Value / e - 1) * 100 : null;
            return new SeriesReportRow(
                key,
                _name ?? key,
                _unit ?? (History.SeriesKey.IsMetric(key) ? string.Empty : "ns"),
                values.Count,
                _min,
                Quantiles.Median(values),
                _max,
                latest.Value,
                latest.At,
                earlier,
                change,
                alerts);
        }
    }
}
