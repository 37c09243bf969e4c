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

    /// <summary>
    /// Leaves out trend-tier alerts for a step already alerted on the same series (the same "run #N" in the message):
    /// a step stays in the history window for many runs, and one alert per step is what people review.
    /// </summary>
    public static IReadOnlyList<AlertRecord> WithoutRepeatedSteps(IReadOnlyList<AlertRecord> rows, IHistoryOperations store)
    {
        return [.. rows.Where(r => r.Tier != Tier.Trend || StepRun(r.Message) is not { } run || !store.GetAlerts(new AlertFilter { SeriesContains = r.SeriesKey })
            .Any(a => a.Tier == Tier.Trend && a.SeriesKey == r.SeriesKey && StepRun(a.Message) == run))];
    }

    /// <summary>The <c>run #N</c> a step alert names, or null.</summary>
    internal static string? StepRun(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, @"^step of .* run #(\d+)") is { Success: true } m ? m.Groups[1].Value : null;

    private static AlertRecord Row(string seriesKey, Finding f) =>
        new(f.Tier, f.Severity, seriesKey, f.Metric, f.Current ?? double.NaN, f.Expected ?? double.NaN, f.ChangePercent ?? double.NaN, f.Message);
}
