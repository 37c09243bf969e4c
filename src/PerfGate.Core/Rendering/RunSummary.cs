using System.Globalization;
using System.Text;
using PerfGate.Core.Configuration;
using PerfGate.Core.Operations;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>
/// The seeds' terminal summary (design §7.1) with PerfGate's own figures, printed at the end of the main job after
/// the verdict: startup, container constructions, validation, memory, the Performance Index, the Regression Score,
/// warnings and the trend against the last 7 days of the baseline branch. A mark (✓ met, ⚠ warning, ✗ error) is
/// shown only where a real comparison made it — a configured target judged as the gate's tier 1 judges it, or the
/// index's worst part; a figure without a target gets none, a figure the suite does not measure says so.
/// The figures are found by <see cref="SummaryFigure"/>: docs/index-and-score.md lists the names.
/// </summary>
public static class RunSummary
{
    private const int LabelWidth = 20;
    private const int MaxWarnings = 5;
    private static readonly string Rule = new('─', 60);

    /// <summary>The figures of the summary, in the seeds' order.</summary>
    public static readonly IReadOnlyList<SummaryFigure> Figures =
    [
        new("Startup time", "APP-001", "*StartupBenchmarks.Start*"),
        new("Container inits", "SVC-001", null),
        new("Validation", "VAL-001", "*ValidationBenchmarks.ValidateOneDefinition*"),
        new("Memory", "MEM-001", null),
    ];

    /// <param name="trend">The trend against the baseline branch's recent runs; null when no history was given.</param>
    public static string Render(Verdict verdict, BenchmarkRun current, GateOptions options, WeekTrend? trend)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        sb.Append("PerfGate summary").Append('\n').Append(Rule).Append('\n');
        foreach (var figure in Figures)
        {
            Line(sb, figure.Label, FigureText(figure, verdict, current, options));
        }

        var index = verdict.PerformanceIndex;
        Line(sb, "Performance index", index is null
            ? PerformanceIndex.Absent
            : CompositeText.IndexValue(index) + "  " + Mark(index.Severity) + " " + CompositeText.IndexDetail(index));
        Line(sb, "Regression score", CompositeText.Score(verdict.RegressionScore) + (verdict.RegressionScore is null ? string.Empty : "; negative = slower"));

        var warnings = Warnings(verdict);
        sb.Append('\n');
        if (warnings.Count == 0)
        {
            sb.Append("Warnings: none").Append('\n');
        }
        else
        {
            sb.Append("Warnings:").Append('\n');
            foreach (var (text, severity) in warnings.Take(MaxWarnings))
            {
                sb.Append("  • ").Append(text).Append(' ').Append(Mark(severity)).Append('\n');
            }

            if (warnings.Count > MaxWarnings)
            {
                sb.Append("  • … and ").Append(Units.Count(warnings.Count - MaxWarnings)).Append(" more in the verdict above").Append('\n');
            }
        }

        sb.Append('\n').Append("Trend: ").Append(TrendText(trend)).Append('\n');
        sb.Append(Rule).Append('\n');
        return sb.ToString();
    }

    /// <summary><c>steady, +0.4% vs the 7-day median of main (5 runs, 14 benchmarks; 95% CI -1.2% … +2.0%)</c>; positive = faster.</summary>
    public static string TrendText(WeekTrend? trend)
    {
        if (trend is null)
        {
            return "no history";
        }

        var days = trend.Span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);
        if (trend.Score is not { } score)
        {
            return $"no earlier runs on this machine in the last {days} days";
        }

        var word = score.SurelyFaster ? "faster" : score.SurelySlower ? "slower" : "steady";
        var interval = score.LowerPercent is { } l && score.UpperPercent is { } u ? "; 95% CI " + Units.Interval(l, u) : string.Empty;
        return word + ", " + Units.SignedPercent(score.Percent) + " vs " + score.Reference + " (" +
               VerdictHeadline.Plural(trend.Runs, "run") + ", " + VerdictHeadline.Plural(score.Benchmarks, "benchmark") + interval + "; positive = faster)";
    }

    private static string FigureText(SummaryFigure figure, Verdict verdict, BenchmarkRun current, GateOptions options)
    {
        var factor = options.Thresholds.CriticalFactor;
        if (FindMetric(current, figure.MetricId) is { } metric)
        {
            var target = TargetMatcher.ForRunMetric(options.Targets, metric.Id);
            var value = MetricText(metric.Id, metric.Value, metric.Unit);
            return target is null
                ? value + "  (no target)"
                : value + "  " + Mark(TargetMatcher.Judge(target, metric.Id, metric.Value, metric.Unit, factor, metric.BiggerIsBetter).Severity) +
                  " (target: " + MetricText(metric.Id, target.Target, metric.Unit) + ")";
        }

        if (figure.Benchmark is { } glob &&
            verdict.Benchmarks.Where(b => Glob.IsMatch(glob, b.Id) && b.Current is not null).OrderBy(b => b.Id, StringComparer.Ordinal).FirstOrDefault() is { } benchmark)
        {
            var target = TargetMatcher.ForBenchmarkTime(options.Targets, benchmark.Id);
            var value = Units.Time(benchmark.Current);
            return target is null
                ? value + "  (no target)"
                : value + "  " + Mark(TargetMatcher.Judge(target, "time", benchmark.Current!.Value, "ns", factor).Severity) + " (target: " + Units.Time(target.Target) + ")";
        }

        return "not measured";
    }

    /// <summary>A run-level metric, else one attached to a benchmark (the first by benchmark id).</summary>
    private static MetricValue? FindMetric(BenchmarkRun current, string id) =>
        current.Metrics.FirstOrDefault(m => m.Id == id) ??
        current.Results.OrderBy(r => r.Id.Key, StringComparer.Ordinal).SelectMany(r => r.Metrics).FirstOrDefault(m => m.Id == id);

    /// <summary>Counts of constructions as the seeds write them (<c>1x</c>); times and sizes (B, KiB, MiB) scaled; others in their unit.</summary>
    private static string MetricText(string id, double value, string unit) => unit switch
    {
        "ns" => Units.Time(value),
        "B" or "bytes" => Units.Bytes(value),
        "KiB" or "KB" => Units.Bytes(value * 1024),
        "MiB" or "MB" => Units.Bytes(value * 1024 * 1024),
        "count" when id.StartsWith("SVC-", StringComparison.Ordinal) => Count(value) + "x",
        "count" => Count(value),
        "" => Units.Number(value),
        _ => Units.Number(value) + " " + unit,
    };

    private static string Count(double value) =>
        value == Math.Round(value) && Math.Abs(value) < int.MaxValue ? Units.Count((int)value) : Units.Number(value);

    private static List<(string Text, Severity Severity)> Warnings(Verdict verdict) =>
    [
        .. VerdictOrdering.ForReport(verdict.Benchmarks)
            .SelectMany(b => b.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => (b.DisplayName + ": " + f.Message, Worst(f))))
            .Concat(verdict.Metrics.SelectMany(m => m.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => (Named(m, f.Message), Worst(f)))))
            .OrderByDescending(w => w.Item2),
    ];

    /// <summary>A run-level metric's message, prefixed with its id unless it already starts with the id or name.</summary>
    private static string Named(MetricVerdict m, string message) =>
        message.StartsWith(m.Id, StringComparison.Ordinal) || message.StartsWith(m.Name, StringComparison.Ordinal) ? message : m.Id + ": " + message;

    private static Severity Worst(Finding f) => f.Fails && f.Severity < Severity.Error ? Severity.Error : f.Severity;

    /// <summary>✓ ok, ⚠ warning, ✗ error or critical.</summary>
    public static string Mark(Severity severity) => severity switch
    {
        Severity.Ok => "✓",
        Severity.Warning => "⚠",
        _ => "✗",
    };

    private static void Line(StringBuilder sb, string label, string text) =>
        sb.Append((label + ":").PadRight(LabelWidth)).Append(text).Append('\n');
}

/// <summary>
/// Where the summary finds a figure: the custom metric <paramref name="MetricId"/> when the run carries it, else the time
/// of the first benchmark whose id matches <paramref name="Benchmark"/> (a glob, as in perfgate.json); "not measured" otherwise.
/// </summary>
public sealed record SummaryFigure(string Label, string MetricId, string? Benchmark);
