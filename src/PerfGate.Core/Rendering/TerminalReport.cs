using System.Text;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>
/// Plain text for a terminal or a CI log: no colours, no emoji (their width varies between terminals), every row in
/// <see cref="VerdictOrdering.ForReport"/> order, long names shortened with an ellipsis to fit <c>width</c>.
/// </summary>
public static class TerminalReport
{
    private const int MinNameWidth = 16;

    /// <summary>
    /// The verdict in one plain line without the PASS/FAIL label, e.g. <c>1 regression fails this build (Foo.Bar +34.2%,
    /// 95% CI +28% … +40%)</c>: the terminal's first line and a commit status's description.
    /// </summary>
    public static string Headline(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var detail = VerdictHeadline.Detail(verdict, name => name);
        var text = VerdictHeadline.Text(verdict);
        if (detail is not null)
        {
            text += " (" + Flat(detail) + ")";
        }

        return text + VerdictHeadline.Advice(verdict);
    }

    public static string Render(Verdict verdict, int width = 120)
    {
        var sb = new StringBuilder();
        var ordered = VerdictOrdering.ForReport(verdict.Benchmarks).ToList();

        var label = !verdict.Passed ? "FAIL" : VerdictHeadline.PassesWithWarnings(verdict) ? "PASS with warnings" : "PASS";
        sb.Append("PerfGate: ").Append(label).Append(" - ").Append(Headline(verdict));

        sb.Append('\n').Append(VerdictHeadline.Counts(verdict, ", ")).Append('\n');
        sb.Append(Flat(CompositeText.Line(verdict.PerformanceIndex, verdict.RegressionScore))).Append('\n');
        var ctx = verdict.Context;
        var header = new List<string>();
        if (ctx.HeadCommit is not null)
        {
            header.Add("head " + ctx.HeadCommit + (ctx.HeadBranch is null ? string.Empty : " (" + Flat(ctx.HeadBranch) + ")"));
        }

        if (ctx.BaselineCommit is not null)
        {
            header.Add((VerdictHeadline.IsAb(verdict) ? "base " : "baseline ") + ctx.BaselineCommit);
        }

        header.Add(ctx.HistoryRuns > 0 ? "history " + VerdictHeadline.Plural(ctx.HistoryRuns, "main run") : "no history");
        sb.Append(string.Join(", ", header)).Append('\n');
        if (VerdictHeadline.Launches(verdict) is { } launches)
        {
            sb.Append(launches).Append('\n');
        }

        if (ctx.FingerprintMismatch)
        {
            sb.Append("WARNING: the baseline was measured on a different machine or runtime")
              .Append(ctx.BaselineFingerprint is not null && ctx.CurrentFingerprint is not null
                  ? " (" + Flat(ctx.BaselineFingerprint) + " vs " + Flat(ctx.CurrentFingerprint) + ")"
                  : string.Empty)
              .Append("; changes may come from the environment.\n");
        }

        if (ordered.Count > 0)
        {
            sb.Append('\n');
            string[] headings = [VerdictHeadline.ReferenceHeading(verdict), "Current", "Change", "95% CI", "Status"];
            var rows = ordered.Select(b => new[]
            {
                Flat(b.DisplayName),
                Units.Time(b.Baseline),
                Units.Time(b.Current),
                Units.SignedPercent(b.ChangePercent),
                Units.Interval(b.ChangeLowerPercent, b.ChangeUpperPercent),
                Status(b),
            }).ToList();
            AppendTable(sb, "Benchmark", headings, rows, width);
        }

        if (verdict.Metrics.Length > 0)
        {
            sb.Append('\n');
            var rows = verdict.Metrics.Select(m => new[]
            {
                Flat(m.Id + " " + m.Name),
                WithUnit(m.Baseline, m.Unit),
                WithUnit(m.Current, m.Unit),
                Units.SignedPercent(m.ChangePercent),
                m.Target is null ? "–" : (m.BiggerIsBetter ? ">= " : "<= ") + WithUnit(m.Target, m.Unit),
                m.Fails ? "FAILS" : BenchmarkStatus.Of(m).Word,
            }).ToList();
            AppendTable(sb, "Metric", ["Baseline", "Current", "Change", "Target", "Status"], rows, width);
        }

        foreach (var note in verdict.Notes)
        {
            sb.Append("\nNote: ").Append(Flat(note));
        }

        if (VerdictHeadline.MainSteps(verdict) is { } steps)
        {
            sb.Append('\n').Append(steps);
        }

        if (verdict.Notes.Length > 0 || !verdict.MainSteps.IsDefaultOrEmpty)
        {
            sb.Append('\n');
        }

        var t = verdict.Thresholds;
        sb.Append("\nThresholds: warning +").Append(Units.Percent(t.WarningPercent))
          .Append(", fail +").Append(Units.Percent(t.FailPercent))
          .Append(", critical +").Append(Units.Percent(t.CriticalPercent)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The status word; the failing marker in capitals so it stands out without colour (<c>FAILS</c>,
    /// <c>FAILS (CRITICAL), confirmed (5 rounds)</c>).
    /// </summary>
    private static string Status(BenchmarkVerdict b)
    {
        if (!b.Fails)
        {
            return BenchmarkStatus.Of(b).Word;
        }

        if (b.Kind == ChangeKind.FailedToRun)
        {
            return BenchmarkStatus.FailedToRun.Word.ToUpperInvariant();
        }

        var marker = BenchmarkStatus.FailMarker(b).Word.ToUpperInvariant();
        return BenchmarkStatus.OutcomeLabel(b) is { } outcome ? marker + ", " + outcome : marker;
    }

    private static string WithUnit(double? value, string unit) =>
        value is null ? "–" : Units.Number(value) + (string.IsNullOrEmpty(unit) ? string.Empty : " " + unit);

    private static string Flat(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');

    private static void AppendTable(StringBuilder sb, string firstHeading, string[] headings, List<string[]> rows, int width)
    {
        var widths = new int[headings.Length];
        for (var c = 0; c < headings.Length; c++)
        {
            widths[c] = Math.Max(headings[c].Length, rows.Max(r => r[c + 1].Length));
        }

        var fixedWidth = widths.Sum() + (2 * headings.Length);
        var longestName = Math.Max(firstHeading.Length, rows.Max(r => r[0].Length));
        var nameWidth = Math.Min(longestName, Math.Max(MinNameWidth, width - fixedWidth));

        void Line(string name, IReadOnlyList<string> cells, bool rightAlign)
        {
            var line = new StringBuilder();
            line.Append(Fit(name, nameWidth).PadRight(nameWidth));
            for (var c = 0; c < cells.Count; c++)
            {
                line.Append("  ");
                var last = c == cells.Count - 1;
                line.Append(last || !rightAlign ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }

        Line(firstHeading, headings, rightAlign: true);
        Line(new string('-', nameWidth), widths.Select(w => new string('-', w)).ToArray(), rightAlign: true);
        foreach (var row in rows)
        {
            Line(row[0], row[1..], rightAlign: true);
        }
    }

    private static string Fit(string text, int width) =>
        text.Length <= width ? text : text[..(width - 1)] + "…";
}
