using System.Globalization;
using System.Text;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>
/// The PR comment and job summary: marker, verdict line, a table with failing rows first, unchanged rows folded,
/// run-level metrics, trends, notes and a footer with the thresholds. Deterministic (no clock) and kept under
/// <see cref="MarkdownOptions.MaxLength"/> by omitting rows in a fixed order: unchanged, improvements, then extras
/// and the tail of the remaining rows. The marker and the verdict line are always kept.
/// </summary>
public static class MarkdownReport
{
    private const char Nl = '\n';

    public static string Render(Verdict verdict, MarkdownOptions? options = null)
    {
        options ??= MarkdownOptions.PullRequestComment;
        var ordered = VerdictOrdering.ForReport(verdict.Benchmarks).ToList();

        Plan[] plans =
        [
            new(Unchanged: true, Improvements: true, Extras: true, MaxRows: null),
            new(Unchanged: false, Improvements: true, Extras: true, MaxRows: null),
            new(Unchanged: false, Improvements: false, Extras: true, MaxRows: null),
            new(Unchanged: false, Improvements: false, Extras: false, MaxRows: null),
        ];

        foreach (var plan in plans)
        {
            var text = Compose(verdict, ordered, options, plan);
            if (text.Length <= options.MaxLength)
            {
                return text;
            }
        }

        // Keep as many of the most important rows as fit (binary search over the row count).
        var attention = ordered.Count(b => Shown(b, plans[^1]));
        int low = 0, high = attention;
        string? best = null;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var text = Compose(verdict, ordered, options, plans[^1] with { MaxRows = mid });
            if (text.Length <= options.MaxLength)
            {
                best = text;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return best ?? Minimal(verdict, options);
    }

    private sealed record Plan(bool Unchanged, bool Improvements, bool Extras, int? MaxRows);

    private static bool IsPlainImprovement(BenchmarkVerdict b) =>
        b is { Kind: ChangeKind.Improvement, Fails: false, Severity: Severity.Ok, TooNoisy: false };

    private static bool Shown(BenchmarkVerdict b, Plan plan) =>
        !BenchmarkStatus.IsQuiet(b) && (plan.Improvements || !IsPlainImprovement(b));

    private static string Compose(Verdict verdict, List<BenchmarkVerdict> ordered, MarkdownOptions options, Plan plan)
    {
        var sb = new StringBuilder();
        AppendHead(sb, verdict, options);

        var main = ordered.Where(b => Shown(b, plan)).ToList();
        var quiet = ordered.Where(BenchmarkStatus.IsQuiet).ToList();
        var omittedImprovements = plan.Improvements ? 0 : ordered.Count(b => !BenchmarkStatus.IsQuiet(b) && IsPlainImprovement(b));
        var omittedOthers = 0;
        if (plan.MaxRows is { } max && main.Count > max)
        {
            omittedOthers = main.Count - max;
            main = main.Take(max).ToList();
        }

        var omittedUnchanged = plan.Unchanged ? 0 : quiet.Count;
        var trend = plan.Extras && ordered.Any(b => b.History.Length >= 1);

        var reference = VerdictHeadline.ReferenceHeading(verdict);
        if (main.Count > 0)
        {
            AppendTable(sb, main, trend, reference);
            sb.Append(Nl);
        }

        if (plan.Unchanged && quiet.Count > 0)
        {
            sb.Append("<details><summary>").Append(VerdictHeadline.Plural(quiet.Count, "unchanged benchmark")).Append("</summary>").Append(Nl).Append(Nl);
            AppendTable(sb, quiet, trend, reference);
            sb.Append(Nl).Append("</details>").Append(Nl).Append(Nl);
        }

        var omitted = omittedUnchanged + omittedImprovements + omittedOthers;
        if (omitted > 0 || !plan.Extras)
        {
            AppendOmission(sb, verdict, options, omitted, omittedUnchanged, omittedImprovements, omittedOthers, plan.Extras);
        }

        if (plan.Extras)
        {
            AppendReasons(sb, ordered, verdict.Metrics);
            AppendUndecided(sb, ordered);
            AppendAllocations(sb, ordered, reference);
        }

        AppendMetrics(sb, verdict.Metrics);

        if (plan.Extras)
        {
            AppendCharts(sb, ordered, options.MaxCharts);
        }

        AppendNotes(sb, verdict.Notes);
        AppendFooter(sb, verdict.Thresholds, options);
        return sb.ToString();
    }

    private static void AppendHead(StringBuilder sb, Verdict verdict, MarkdownOptions options)
    {
        sb.Append(options.Marker).Append(Nl);
        sb.Append(VerdictLine(verdict)).Append(Nl).Append(Nl);
        sb.Append(VerdictHeadline.Counts(verdict, " · ")).Append(Nl).Append(Nl);
        sb.Append("**Performance index:** ").Append(MarkdownText.Escape(CompositeText.Index(verdict.PerformanceIndex)))
          .Append(" · **Regression score** (negative = slower): ").Append(MarkdownText.Escape(CompositeText.Score(verdict.RegressionScore))).Append(Nl).Append(Nl);

        var header = HeaderLine(verdict.Context, VerdictHeadline.IsAb(verdict));
        if (header.Length > 0)
        {
            sb.Append(header).Append(Nl).Append(Nl);
        }

        if (VerdictHeadline.Launches(verdict) is { } launches)
        {
            sb.Append(launches).Append(Nl).Append(Nl);
        }

        if (VerdictHeadline.MainSteps(verdict) is { } steps)
        {
            sb.Append("> ℹ️ ").Append(MarkdownText.Escape(steps)).Append(Nl).Append(Nl);
        }

        if (verdict.Context.FingerprintMismatch)
        {
            sb.Append("> ⚠️ **Different machine or runtime.** ");
            var ctx = verdict.Context;
            if (ctx.BaselineFingerprint is not null && ctx.CurrentFingerprint is not null)
            {
                sb.Append("The baseline was measured on ").Append(MarkdownText.Code(ctx.BaselineFingerprint))
                  .Append(", this run on ").Append(MarkdownText.Code(ctx.CurrentFingerprint)).Append("; ");
            }
            else
            {
                sb.Append("The baseline was measured on a different machine or runtime than this run; ");
            }

            sb.Append("part of every change may come from the environment rather than the code.").Append(Nl).Append(Nl);
        }
    }

    /// <summary>
    /// The one line that says pass or fail, e.g. <c>❌ **PerfGate: 1 regression fails this build** (`Foo.Bar` +34.2%, 95% CI +28% … +40%)</c>,
    /// or for a pass that leaves slowdowns above the fail threshold undecided
    /// <c>⚠️ **PerfGate: passes with warnings — 1 undecided possible slowdown above 20%** (`A` +24%): run more rounds</c>.
    /// </summary>
    public static string VerdictLine(Verdict verdict)
    {
        var warns = VerdictHeadline.PassesWithWarnings(verdict);
        var emoji = !verdict.Passed ? "❌" : warns ? "⚠️" : "✅";
        var line = emoji + " **PerfGate: " + (warns ? "passes with warnings — " : string.Empty) + VerdictHeadline.Text(verdict) + "**";
        var detail = VerdictHeadline.Detail(verdict, MarkdownText.Code);
        return (detail is null ? line : line + " (" + detail + ")") + VerdictHeadline.Advice(verdict);
    }

    /// <summary>Head, baseline (the base, in an A/B verdict), history, input kind and time.</summary>
    private static string HeaderLine(RunContext ctx, bool ab)
    {
        var parts = new List<string>();
        if (ctx.HeadCommit is not null)
        {
            var head = "Head " + MarkdownText.Code(Short(ctx.HeadCommit));
            if (ctx.HeadBranch is not null)
            {
                head += " (" + MarkdownText.Code(ctx.HeadBranch) + ")";
            }

            parts.Add(head);
        }

        if (ctx.BaselineCommit is not null)
        {
            parts.Add((ab ? "base " : "baseline ") + MarkdownText.Code(Short(ctx.BaselineCommit)));
        }

        parts.Add(ctx.HistoryRuns > 0 ? "history: " + VerdictHeadline.Plural(ctx.HistoryRuns, "main run") : "no history");
        if (!ctx.HasMeasurements)
        {
            parts.Add("brief results (no raw measurements)");
        }

        if (ctx.Timestamp is { } ts)
        {
            parts.Add("measured " + ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        }

        return string.Join(" · ", parts);
    }

    private static string Short(string commit) => commit.Length > 7 && commit.All(char.IsAsciiHexDigit) ? commit[..7] : commit;

    private static void AppendTable(StringBuilder sb, List<BenchmarkVerdict> rows, bool trend, string reference)
    {
        sb.Append("| Benchmark | ").Append(reference).Append(" | Current | Change | 95% CI | Status |").Append(trend ? " Trend |" : string.Empty).Append(Nl);
        sb.Append("|:--|--:|--:|--:|--:|:--|").Append(trend ? ":--|" : string.Empty).Append(Nl);
        foreach (var b in rows)
        {
            sb.Append("| ").Append(MarkdownText.Escape(b.DisplayName))
              .Append(" | ").Append(Units.Time(b.Baseline))
              .Append(" | ").Append(Units.Time(b.Current))
              .Append(" | ").Append(Units.SignedPercent(b.ChangePercent))
              .Append(" | ").Append(Units.Interval(b.ChangeLowerPercent, b.ChangeUpperPercent))
              .Append(" | ").Append(BenchmarkStatus.Of(b).Markdown)
              .Append(" |");
            if (trend)
            {
                var spark = Sparkline.Render(SeriesWithCurrent(b));
                sb.Append(' ').Append(spark.Length == 0 ? "–" : spark).Append(" |");
            }

            sb.Append(Nl);
        }
    }

    private static IEnumerable<double> SeriesWithCurrent(BenchmarkVerdict b) =>
        b.Current is { } current ? b.History.Append(current) : b.History;

    private static void AppendOmission(
        StringBuilder sb, Verdict verdict, MarkdownOptions options, int omitted, int unchanged, int improvements, int others, bool extras)
    {
        var kinds = new List<string>();
        if (unchanged > 0)
        {
            kinds.Add(Units.Count(unchanged) + " unchanged");
        }

        if (improvements > 0)
        {
            kinds.Add(Units.Count(improvements) + " faster");
        }

        if (others > 0)
        {
            kinds.Add(Units.Count(others) + " other");
        }

        sb.Append("> ✂️ ");
        if (omitted > 0)
        {
            sb.Append(Units.Count(omitted)).Append(" of ").Append(Units.Count(verdict.Benchmarks.Length))
              .Append(" rows omitted (").Append(string.Join(", ", kinds)).Append(')');
        }
        else
        {
            sb.Append("Details omitted");
        }

        if (!extras)
        {
            sb.Append(omitted > 0 ? ", with trends, reasons and allocations," : " (trends, reasons and allocations)");
        }

        sb.Append(" to stay under ").Append(Units.Count(options.MaxLength)).Append(" characters; the full report is in ")
          .Append(options.FullReportLocation).Append('.').Append(Nl).Append(Nl);
    }

    private static void AppendReasons(StringBuilder sb, List<BenchmarkVerdict> ordered, IReadOnlyList<MetricVerdict> metrics)
    {
        const int MaxItems = 20;
        var items = ordered
            .Where(b => b.Fails || b.Severity >= Severity.Warning)
            .SelectMany(b => b.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => (Name: b.DisplayName, Finding: f)))
            .Concat(metrics.Where(m => m.Fails || m.Severity >= Severity.Warning)
                .SelectMany(m => m.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => (Name: m.Id, Finding: f))))
            .ToList();
        if (items.Count == 0)
        {
            return;
        }

        sb.Append("**Why**").Append(Nl).Append(Nl);
        foreach (var (name, finding) in items.Take(MaxItems))
        {
            sb.Append("- ").Append(finding.Fails ? "❌" : "⚠️").Append(' ').Append(MarkdownText.Code(name))
              .Append(" (").Append(Tiers.Name(finding.Tier)).Append("): ").Append(MarkdownText.Escape(finding.Message));
            if (finding.PValue is { } p && double.IsFinite(p))
            {
                // The rules leave the p-value out of their messages; it is written here, once.
                sb.Append(" (").Append(Units.PValue(p)).Append(')');
            }

            sb.Append(Nl);
        }

        if (items.Count > MaxItems)
        {
            sb.Append("- … and ").Append(Units.Count(items.Count - MaxItems)).Append(" more in the JSON verdict").Append(Nl);
        }

        sb.Append(Nl);
    }

    /// <summary>
    /// The A/B benchmarks the rounds could not decide, with what the rounds can detect (<see cref="BenchmarkVerdict.OutcomeText"/>)
    /// and the <c>--filter</c> that reruns them.
    /// </summary>
    private static void AppendUndecided(StringBuilder sb, List<BenchmarkVerdict> ordered)
    {
        const int MaxItems = 20;
        var undecided = ordered.Where(b => b is { Outcome: AbOutcome.Undecided, Kind: not ChangeKind.FailedToRun }).ToList();
        if (undecided.Count == 0)
        {
            return;
        }

        sb.Append("**Undecided**").Append(Nl).Append(Nl);
        foreach (var b in undecided.Take(MaxItems))
        {
            sb.Append("- ❔ ").Append(MarkdownText.Code(b.DisplayName)).Append(' ').Append(Units.SignedPercent(b.ChangePercent))
              .Append(" (95% CI ").Append(Units.Interval(b.ChangeLowerPercent, b.ChangeUpperPercent)).Append("): ")
              .Append(MarkdownText.Escape(b.OutcomeText ?? BenchmarkStatus.OutcomeLabel(b)));
            if (b.FilterPattern is { Length: > 0 } filter)
            {
                sb.Append("; rerun with ").Append(MarkdownText.Code("--filter '" + filter + "'"));
            }

            sb.Append(Nl);
        }

        if (undecided.Count > MaxItems)
        {
            sb.Append("- … and ").Append(Units.Count(undecided.Count - MaxItems)).Append(" more in the JSON verdict").Append(Nl);
        }

        sb.Append(Nl);
    }

    private static void AppendAllocations(StringBuilder sb, List<BenchmarkVerdict> ordered, string reference)
    {
        var changed = ordered.Where(AllocationChanged).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        sb.Append("**Allocations** (bytes per operation)").Append(Nl).Append(Nl);
        sb.Append("| Benchmark | ").Append(reference).Append(" | Current | Change |").Append(Nl);
        sb.Append("|:--|--:|--:|--:|").Append(Nl);
        foreach (var b in changed)
        {
            sb.Append("| ").Append(MarkdownText.Escape(b.DisplayName))
              .Append(" | ").Append(Units.Bytes(b.BaselineAllocatedBytes))
              .Append(" | ").Append(Units.Bytes(b.CurrentAllocatedBytes))
              .Append(" | ").Append(AllocationChange(b.BaselineAllocatedBytes, b.CurrentAllocatedBytes))
              .Append(" |").Append(Nl);
        }

        sb.Append(Nl);
    }

    /// <summary>True when both runs measured allocations and they differ (new and removed benchmarks have one side only).</summary>
    internal static bool AllocationChanged(BenchmarkVerdict b) =>
        b.BaselineAllocatedBytes is { } before && b.CurrentAllocatedBytes is { } after && before != after;

    private static string AllocationChange(double? before, double? after) =>
        (before, after) switch
        {
            (0, > 0) => "was 0 B",
            ({ } b, { } a) when b != 0 => Units.SignedPercent((a - b) / b * 100),
            _ => "–",
        };

    private static void AppendMetrics(StringBuilder sb, IReadOnlyList<MetricVerdict> metrics)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        sb.Append("**Run-level metrics**").Append(Nl).Append(Nl);
        sb.Append("| Metric | Baseline | Current | Change | Target | Status |").Append(Nl);
        sb.Append("|:--|--:|--:|--:|--:|:--|").Append(Nl);
        foreach (var m in metrics)
        {
            sb.Append("| ").Append(MarkdownText.Escape(m.Id)).Append(' ').Append(MarkdownText.Escape(m.Name))
              .Append(" | ").Append(WithUnit(m.Baseline, m.Unit))
              .Append(" | ").Append(WithUnit(m.Current, m.Unit))
              .Append(" | ").Append(Units.SignedPercent(m.ChangePercent))
              .Append(" | ").Append(m.Target is null ? "–" : (m.BiggerIsBetter ? "≥ " : "≤ ") + WithUnit(m.Target, m.Unit))
              .Append(" | ").Append(BenchmarkStatus.Of(m).Markdown)
              .Append(" |").Append(Nl);
        }

        sb.Append(Nl);
    }

    private static string WithUnit(double? value, string unit) =>
        value is null ? "–" : Units.Number(value) + (string.IsNullOrEmpty(unit) ? string.Empty : " " + MarkdownText.Escape(unit));

    private static void AppendCharts(StringBuilder sb, List<BenchmarkVerdict> ordered, int maxCharts)
    {
        if (maxCharts <= 0)
        {
            return;
        }

        var charted = ordered
            .Where(b => (b.Kind == ChangeKind.Regression || b.Fails) && b.Current is not null && b.History.Length >= 2)
            .Take(maxCharts)
            .ToList();
        if (charted.Count == 0)
        {
            return;
        }

        sb.Append("<details><summary>Trend of ").Append(VerdictHeadline.Plural(charted.Count, "regressed benchmark")).Append("</summary>").Append(Nl).Append(Nl);
        foreach (var b in charted)
        {
            var series = SeriesWithCurrent(b).Where(double.IsFinite).ToList();
            var (divisor, unit) = ChartUnit(series.Max());
            var labels = Enumerable.Range(0, series.Count)
                .Select(i => i == series.Count - 1 ? "\"this run\"" : "\"" + (i - (series.Count - 1)).ToString(CultureInfo.InvariantCulture) + "\"");
            sb.Append("```mermaid").Append(Nl)
              .Append("xychart-beta").Append(Nl)
              .Append("    title \"").Append(ChartText(b.DisplayName)).Append(" (").Append(unit).Append(")\"").Append(Nl)
              .Append("    x-axis [").Append(string.Join(", ", labels)).Append(']').Append(Nl)
              .Append("    y-axis \"").Append(unit).Append('"').Append(Nl)
              .Append("    line [").Append(string.Join(", ", series.Select(v => (v / divisor).ToString("0.###", CultureInfo.InvariantCulture)))).Append(']').Append(Nl)
              .Append("```").Append(Nl).Append(Nl);
        }

        sb.Append("</details>").Append(Nl).Append(Nl);
    }

    private static (double Divisor, string Unit) ChartUnit(double maxNanoseconds) => maxNanoseconds switch
    {
        >= 1e9 => (1e9, "s"),
        >= 1e6 => (1e6, "ms"),
        >= 1e3 => (1e3, "\u03BCs"),
        _ => (1, "ns"),
    };

    /// <summary>
    /// Mermaid strings are double-quoted and live in a fenced block: no quotes, backticks or line breaks. Mermaid reads
    /// labels as HTML, so angle brackets become look-alike quotes (‹ ›): a name like <c>&lt;img onerror=…&gt;</c> stays text.
    /// </summary>
    private static string ChartText(string text) =>
        new(text.Select(c => c switch
        {
            '"' or '`' or '\r' or '\n' => '\'',
            '<' => '\u2039',
            '>' => '\u203A',
            _ => c,
        }).ToArray());

    private static void AppendNotes(StringBuilder sb, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        sb.Append("**Notes**").Append(Nl).Append(Nl);
        foreach (var note in notes)
        {
            sb.Append("- ").Append(MarkdownText.Escape(note)).Append(Nl);
        }

        sb.Append(Nl);
    }

    private static void AppendFooter(StringBuilder sb, GateThresholds t, MarkdownOptions options)
    {
        sb.Append("<sub>Thresholds: warning above +").Append(Units.Percent(t.WarningPercent))
          .Append(" · fails above +").Append(Units.Percent(t.FailPercent))
          .Append(" · critical above +").Append(Units.Percent(t.CriticalPercent))
          .Append(" · α = ").Append(t.SignificanceLevel.ToString("0.####", CultureInfo.InvariantCulture))
          .Append(" · history window ").Append(VerdictHeadline.Plural(t.HistoryWindow, "run"))
          .Append(". Reproduce locally: ").Append(MarkdownText.Code(options.ReproduceCommand));
        if (options.RunUrl is not null)
        {
            sb.Append(" · [workflow run](").Append(options.RunUrl.AbsoluteUri).Append(')');
        }

        sb.Append("</sub>").Append(Nl);
    }

    /// <summary>The last resort when even the rows that matter do not fit: marker, verdict, counts, and where to look.</summary>
    private static string Minimal(Verdict verdict, MarkdownOptions options)
    {
        var sb = new StringBuilder();
        sb.Append(options.Marker).Append(Nl).Append(VerdictLine(verdict)).Append(Nl).Append(Nl)
          .Append(VerdictHeadline.Counts(verdict, " · ")).Append(Nl).Append(Nl)
          .Append("> ✂️ The report does not fit in ").Append(Units.Count(options.MaxLength))
          .Append(" characters; the full report is in ").Append(options.FullReportLocation).Append('.').Append(Nl);
        var text = sb.ToString();
        if (text.Length <= options.MaxLength)
        {
            return text;
        }

        // Only an absurd limit gets here; cut the verdict line short without splitting a surrogate pair.
        var head = options.Marker + Nl + VerdictLine(verdict) + Nl;
        var cut = Math.Min(head.Length, options.MaxLength);
        if (cut > 0 && char.IsHighSurrogate(head[cut - 1]))
        {
            cut--;
        }

        return head[..cut];
    }
}
