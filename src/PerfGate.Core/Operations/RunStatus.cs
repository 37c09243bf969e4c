using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Scores;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Operations;

/// <summary>
/// What <c>perfgate status</c> shows: one recorded run, each of its series judged, the counts, and the seeds'
/// composite figures (docs/index-and-score.md): the Performance Index over the run's targeted figures (null when no
/// target applies) and the Regression Score of its benchmarks against the committed baseline (null without one).
/// </summary>
public sealed record RunStatus(
    StoredRun Run,
    TimeSpan TrendSpan,
    ImmutableArray<SeriesStatus> Series,
    StatusSummary Summary,
    PerformanceIndex? PerformanceIndex = null,
    RegressionScore? RegressionScore = null)
{
    /// <summary>Lasting steps in each benchmark's recent main-branch runs (tier 3's change points), oldest first per series.</summary>
    public ImmutableArray<SeriesStep> Steps { get; init; } = [];
}

/// <summary>A step found in one series' main-branch runs.</summary>
public sealed record SeriesStep(string SeriesKey, string DisplayName, MainStep Step);

/// <summary>
/// One series of the run. <see cref="Value"/> is the stored median in ns (benchmarks) or the metric's value in
/// <see cref="Unit"/>; null when the benchmark failed. <see cref="Status"/> is the most severe alert recorded with the
/// run for this series, else the worst missed target, else ok (<see cref="StatusSource"/> says which).
/// </summary>
public sealed record SeriesStatus(
    string SeriesKey,
    string DisplayName,
    string Unit,
    double? Value,
    double? AllocatedBytes,
    TargetMatch? Target,
    Severity? TargetSeverity,
    double? Baseline,
    double? BaselineChangePercent,
    double? TrendMedian,
    int TrendRuns,
    double? TrendChangePercent,
    Severity? AlertSeverity,
    Severity Status,
    StatusSource StatusSource);

/// <summary>Where a series' status comes from.</summary>
public enum StatusSource
{
    /// <summary>Nothing was wrong: no alert with the run, no target missed.</summary>
    None,

    /// <summary>An alert the gate recorded with the run.</summary>
    Alert,

    /// <summary>A configured target the value misses.</summary>
    Target,
}

/// <summary>Series counted by status, and the targets met and missed (one count per applicable target).</summary>
public sealed record StatusSummary(int Ok, int Warning, int Error, int Critical, int TargetsMet, int TargetsMissed)
{
    public int Total => Ok + Warning + Error + Critical;
}

/// <summary>
/// Judges the latest run for <c>perfgate status</c>: pure, everything read beforehand. The trend is the value against
/// the median of the same series (same machine fingerprint) over the window's earlier runs, as the store computed it
/// (<see cref="UseTrendMedians"/>).
/// </summary>
public sealed class RunStatusBuilder
{
    private readonly RunWithResults _run;
    private readonly GateOptions _options;
    private readonly Dictionary<string, TrendMedian> _trendMedians = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Severity> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BenchmarkResult> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricValue> _baselineMetrics = new(StringComparer.Ordinal);

    public RunStatusBuilder(RunWithResults run, GateOptions options, BenchmarkRun? baseline, IEnumerable<StoredAlert> alerts, TimeSpan trendSpan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(alerts);
        _run = run;
        _options = options;
        TrendSpan = trendSpan;
        foreach (var alert in alerts.Where(a => a.RunId == run.Run.Id))
        {
            _alerts[alert.SeriesKey] = _alerts.TryGetValue(alert.SeriesKey, out var s) && s > alert.Severity ? s : alert.Severity;
        }

        foreach (var b in baseline?.Results ?? [])
        {
            _baseline.TryAdd(b.Id.Key, b);
        }

        foreach (var m in baseline?.Metrics ?? [])
        {
            _baselineMetrics.TryAdd(SeriesKey.ForMetric(m.Id), m);
        }
    }

    /// <summary>How far back the trend looks from the run.</summary>
    public TimeSpan TrendSpan { get; }

    /// <summary>The window of earlier runs the trend uses: <c>[run − span, run)</c>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) TrendWindow => TrendWindowOf(_run.Run, TrendSpan);

    /// <summary>The trend window of <paramref name="run"/>: <c>[run − span, run)</c>; known before the run's results are read.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) TrendWindowOf(StoredRun run, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (run.Timestamp - span, run.Timestamp);
    }

    /// <summary>The trend's medians over <see cref="TrendWindow"/> (<see cref="IHistoryOperations.GetTrendMedians"/>).</summary>
    public void UseTrendMedians(IReadOnlyDictionary<string, TrendMedian> medians)
    {
        ArgumentNullException.ThrowIfNull(medians);
        foreach (var (key, median) in medians)
        {
            _trendMedians[key] = median;
        }
    }

    /// <summary>Rows worst status first (then by name); the summary counts them.</summary>
    public RunStatus Build()
    {
        // Each result's targets are judged once: for its row, and for the met/missed counts.
        var judged = _run.Results.Select(r => (Result: r, Targets: TargetFindings(r))).ToList();
        var rows = judged.Select(j => Judge(j.Result, j.Targets))
            .OrderByDescending(r => r.Status)
            .ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .ThenBy(r => r.SeriesKey, StringComparer.Ordinal)
            .ToImmutableArray();
        var targets = judged.SelectMany(j => j.Targets).ToList();
        var met = targets.Count(t => t.Score.Severity == Severity.Ok);
        var missed = targets.Count - met;

        var summary = new StatusSummary(
            rows.Count(r => r.Status == Severity.Ok),
            rows.Count(r => r.Status == Severity.Warning),
            rows.Count(r => r.Status == Severity.Error),
            rows.Count(r => r.Status == Severity.Critical),
            met,
            missed);
        // The score uses the stored values only (no tests): its interval is the spread across benchmarks.
        var changes = rows.Where(r => !SeriesKey.IsMetric(r.SeriesKey))
            .Select(r => ScoredChange.Of(r.SeriesKey, r.Baseline, r.Value))
            .OfType<ScoredChange>()
            .ToList();
        return new RunStatus(_run.Run, TrendSpan, rows, summary, PerformanceIndex.From(targets.Select(t => t.Score)), RegressionScore.From(changes, "the baseline"));
    }

    private SeriesStatus Judge(StoredResult result, List<(TargetMatch Match, TargetScore Score)> findings)
    {
        var value = result.Value is { } v && double.IsFinite(v) ? v : (double?)null;
        var shown = findings.FirstOrDefault(f => f.Match.Metric is null).Match ?? findings.FirstOrDefault().Match;
        Severity? targetSeverity = findings.Count > 0 ? findings.Max(f => f.Score.Severity) : null;

        var baseline = BaselineOf(result);
        double? baselineChange = value is { } cur && baseline is { } b && b != 0 ? (cur / b - 1) * 100 : null;

        TrendMedian? trend = _trendMedians.TryGetValue(result.SeriesKey, out var tm) ? tm : null;
        double? trendMedian = trend?.Median;
        double? trendChange = value is { } c && trendMedian is { } m && m != 0 ? (c / m - 1) * 100 : null;

        Severity? alert = _alerts.TryGetValue(result.SeriesKey, out var a) ? a : null;
        var (status, source) = alert is { } s && s > Severity.Ok
            ? (s, StatusSource.Alert)
            : targetSeverity is { } ts && ts > Severity.Ok ? (ts, StatusSource.Target) : (Severity.Ok, StatusSource.None);

        return new SeriesStatus(
            result.SeriesKey,
            result.DisplayName,
            result.Metric?.Unit ?? "ns",
            value,
            result.Benchmark?.AllocatedBytesPerOperation,
            shown,
            targetSeverity,
            baseline,
            baselineChange,
            trendMedian,
            trend?.Runs ?? 0,
            trendChange,
            alert,
            status,
            source);
    }

    /// <summary>The targets the gate would apply to this result, each judged and scored on the stored value.</summary>
    private List<(TargetMatch Match, TargetScore Score)> TargetFindings(StoredResult result)
    {
        var factor = _options.Thresholds.CriticalFactor;
        if (result.Metric is { } metric)
        {
            return TargetMatcher.ForRunMetric(_options.Targets, metric.Id) is { } target
                ? [(new TargetMatch(target, metric), TargetMatcher.Score(target, metric.Id, metric.Name, metric.Value, metric.Unit, factor, metric.BiggerIsBetter))]
                : [];
        }

        if (result.Benchmark is not { FailedToRun: false } benchmark || result.Value is not { } time)
        {
            return [];
        }

        return [.. TargetMatcher.ForBenchmark(_options.Targets, result.SeriesKey, benchmark.Metrics).Select(match => (match, match.Metric is { } m
            ? TargetMatcher.Score(match.Target, m.Id, m.Name, m.Value, m.Unit, factor, m.BiggerIsBetter)
            : TargetMatcher.Score(match.Target, "time", result.DisplayName, time, "ns", factor)))];
    }

    private double? BaselineOf(StoredResult result) => result.Metric is not null
        ? _baselineMetrics.TryGetValue(result.SeriesKey, out var m) ? m.Value : null
        : _baseline.TryGetValue(result.SeriesKey, out var b) ? b.Statistics?.Median : null;
}
