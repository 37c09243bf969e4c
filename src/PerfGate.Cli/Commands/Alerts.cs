using PerfGate.Core.History;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>The alert rows a recorded run stores: every finding at warning or worse.</summary>
internal static class Alerts
{
    public static IReadOnlyList<AlertRecord> From(Verdict verdict)
    {
        var rows = new List<AlertRecord>();
        foreach (var b in verdict.Benchmarks)
        {
            rows.AddRange(b.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => Row(b.Id, f)));
        }

        foreach (var m in verdict.Metrics)
        {
            rows.AddRange(m.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => Row(SeriesKey.ForMetric(m.Id), f)));
        }

        return rows;
    }

    private static AlertRecord Row(string seriesKey, Finding f) =>
        new(f.Tier, f.Severity, seriesKey, f.Metric, f.Current ?? double.NaN, f.Expected ?? double.NaN, f.ChangePercent ?? double.NaN, f.Message);
}
