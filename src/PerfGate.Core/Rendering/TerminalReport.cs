using System.Globalization;
using System.Text;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>A plain-text table for the terminal: failing first, then regressions, improvements, unchanged; then the reasons.</summary>
public static class TerminalReport
{
    public static string Render(Verdict verdict, int width = 120)
    {
        var rows = VerdictOrdering.ForReport(verdict.Benchmarks).ToList();
        var nameWidth = Math.Clamp(rows.Select(r => r.DisplayName.Length).DefaultIfEmpty(9).Max(), 9, Math.Max(30, width - 75));
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Pad("Benchmark", nameWidth)}  {"Baseline",10}  {"Current",10}  {"Change",8}  {"±",7}  {"Allocated",18}  Status");
        sb.AppendLine(new string('-', Math.Min(width, nameWidth + 80)));
        foreach (var b in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{Pad(b.DisplayName, nameWidth)}  {ReportText.Time(b.Baseline),10}  {ReportText.Time(b.Current),10}  {ReportText.Change(b.ChangePercent),8}  {ReportText.Uncertainty(b),7}  {ReportText.Allocation(b),18}  {ReportText.Status(b, emoji: false)}");
        }

        foreach (var m in verdict.Metrics)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{Pad($"{m.Id} {m.Name}", nameWidth)}  {ReportText.Value(m.Baseline, m.Unit),10}  {ReportText.Value(m.Current, m.Unit),10}  {ReportText.Change(m.ChangePercent),8}  {"",7}  {"",18}  {(m.Fails ? "fails" : m.Severity.ToString().ToLowerInvariant())}");
        }

        var reasons = rows.Where(r => r.Severity >= Severity.Warning || r.TooNoisy || r.Kind != ChangeKind.Unchanged).ToList();
        if (reasons.Count > 0 || verdict.Metrics.Any(m => m.Severity >= Severity.Warning))
        {
            sb.AppendLine();
            foreach (var b in reasons)
            {
                foreach (var f in b.Findings.Where(f => f.Severity >= Severity.Warning || b.Kind != ChangeKind.Unchanged))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {b.DisplayName}: [{f.Tier.ToString().ToLowerInvariant()}] {f.Message}");
                }

                if (b.TooNoisy && b.NoiseAdvice is { } advice)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {b.DisplayName}: too noisy: {advice}");
                }
            }

            foreach (var m in verdict.Metrics)
            {
                foreach (var f in m.Findings.Where(f => f.Severity >= Severity.Warning))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {m.Id}: [{f.Tier.ToString().ToLowerInvariant()}] {f.Message}");
                }
            }
        }

        foreach (var note in verdict.Notes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Note: {note}");
        }

        sb.AppendLine();
        sb.AppendLine(ReportText.Headline(verdict, emoji: false));
        return sb.ToString();
    }

    private static string Pad(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);
}
