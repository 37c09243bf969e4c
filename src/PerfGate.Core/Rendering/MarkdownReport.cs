using System.Globalization;
using System.Text;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>
/// The markdown report (PR comment, job summary, <c>--markdown</c>): the hidden marker, a one-line verdict, what got
/// slower first, improvements, the rest folded, run-level metrics, notes, and the rules used. Stays under
/// <see cref="MarkdownOptions.MaxLength"/> by dropping unchanged rows first, then the rest, and saying so.
/// </summary>
public static class MarkdownReport
{
    public static string Render(Verdict verdict, MarkdownOptions options)
    {
        var rows = VerdictOrdering.ForReport(verdict.Benchmarks).ToList();
        var main = rows.Where(r => r.Fails || r.Severity >= Severity.Warning || r.Kind is ChangeKind.Regression or ChangeKind.Improvement or ChangeKind.FailedToRun or ChangeKind.New or ChangeKind.Removed).ToList();
        var rest = rows.Except(main).ToList();
        for (var keepRest = rest.Count; ; keepRest = keepRest > 0 ? keepRest / 2 : 0)
        {
            var keepMain = main.Count;
            while (true)
            {
                var text = Build(verdict, options, main.Take(keepMain).ToList(), rest.Take(keepRest).ToList(), main.Count - keepMain + rest.Count - keepRest);
                if (text.Length <= options.MaxLength || (keepMain == 0 && keepRest == 0))
                {
                    return text.Length <= options.MaxLength ? text : text[..options.MaxLength];
                }

                if (keepRest > 0)
                {
                    break;
                }

                keepMain /= 2;
            }
        }
    }

    private static string Build(Verdict verdict, MarkdownOptions options, List<BenchmarkVerdict> main, List<BenchmarkVerdict> rest, int omitted)
    {
        var sb = new StringBuilder();
        sb.AppendLine(options.Marker);
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {ReportText.Headline(verdict, emoji: true)}");
        sb.AppendLine();
        var c = verdict.Context;
        sb.AppendLine(CultureInfo.InvariantCulture, $"Head `{Short(c.HeadCommit)}`{(c.HeadBranch is { } hb ? $" ({MarkdownText.Escape(hb)})" : "")} · baseline `{Short(c.BaselineCommit)}` · history: {c.HistoryRuns} main run(s)");
        if (c.FingerprintMismatch)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"> ⚠️ **Different machine or runtime than the baseline**: this run `{MarkdownText.Escape(c.CurrentFingerprint ?? "?")}`, baseline `{MarkdownText.Escape(c.BaselineFingerprint ?? "?")}`. Baseline comparisons cannot fail the build.");
        }

        if (main.Count > 0)
        {
            sb.AppendLine();
            Table(sb, main);
        }

        if (rest.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{rest.Count} unchanged benchmark(s)</summary>");
            sb.AppendLine();
            Table(sb, rest);
            sb.AppendLine();
            sb.AppendLine("</details>");
        }

        if (omitted > 0)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"_{omitted} row(s) omitted to stay under the {options.MaxLength:N0}-character limit of a GitHub comment; the full report is in the job summary and the `perfgate-report` artifact._");
        }

        var reasons = main.Where(b => b.Fails || b.Severity >= Severity.Warning || b.TooNoisy).ToList();
        if (reasons.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("<details><summary>Why</summary>");
            sb.AppendLine();
            foreach (var b in reasons)
            {
                foreach (var f in b.Findings.Where(f => f.Severity >= Severity.Warning))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"- **{MarkdownText.Escape(b.DisplayName)}** ({f.Tier.ToString().ToLowerInvariant()}): {MarkdownText.Escape(f.Message)}");
                }

                if (b.TooNoisy && b.NoiseAdvice is { } advice)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"- **{MarkdownText.Escape(b.DisplayName)}** 🔇 {MarkdownText.Escape(advice)}");
                }
            }

            sb.AppendLine();
            sb.AppendLine("</details>");
        }

        if (verdict.Metrics.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| Metric | Baseline | Current | Target | Status |");
            sb.AppendLine("|---|---:|---:|---:|---|");
            foreach (var m in verdict.Metrics)
            {
                var status = m.Fails ? "❌ fails" : m.Severity >= Severity.Warning ? "⚠️ warning" : "✅ ok";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(m.Id)} {MarkdownText.Escape(m.Name)} | {ReportText.Value(m.Baseline, m.Unit)} | {ReportText.Value(m.Current, m.Unit)} | {ReportText.Value(m.Target, m.Unit)} | {status} |");
            }
        }

        foreach (var note in verdict.Notes)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"> {MarkdownText.Escape(note)}");
        }

        var t = verdict.Thresholds;
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"<sub>Fails above +{t.FailPercent:0.#}% when the slowdown beyond +{t.WarningPercent:0.#}% stands out from run-to-run noise (Holm-corrected α = {t.SignificanceLevel:0.###}); critical above +{t.CriticalPercent:0.#}%; history window {t.HistoryWindow} main runs. ± is the 95% interval. Reproduce locally: <code>dotnet run -c Release --project benchmarks</code>.</sub>"));
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, List<BenchmarkVerdict> rows)
    {
        sb.AppendLine("| Benchmark | Baseline | Current | Change | ± | Allocated | Trend | Status |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var b in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(b.DisplayName)} | {ReportText.Time(b.Baseline)} | {ReportText.Time(b.Current)} | {ReportText.Change(b.ChangePercent)} | {ReportText.Uncertainty(b)} | {ReportText.Allocation(b)} | {ReportText.Sparkline(b.History)} | {ReportText.Status(b, emoji: true)} |");
        }
    }

    private static string Short(string? commit) => commit is null ? "unknown" : commit.Length > 7 ? commit[..7] : commit;
}
