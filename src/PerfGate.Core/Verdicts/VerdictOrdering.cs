namespace PerfGate.Core.Verdicts;

/// <summary>The order every report uses: failing first, then by severity, regressions, improvements, unchanged, then by size of change.</summary>
public static class VerdictOrdering
{
    public static IEnumerable<BenchmarkVerdict> ForReport(IEnumerable<BenchmarkVerdict> verdicts) =>
        verdicts
            .OrderByDescending(v => v.Fails)
            .ThenByDescending(v => v.Severity)
            .ThenBy(v => Rank(v.Kind))
            .ThenByDescending(v => Math.Abs(v.ChangePercent ?? 0))
            .ThenBy(v => v.Id, StringComparer.Ordinal);

    private static int Rank(ChangeKind kind) => kind switch
    {
        ChangeKind.FailedToRun => 0,
        ChangeKind.Regression => 1,
        ChangeKind.Improvement => 2,
        ChangeKind.New => 3,
        ChangeKind.Removed => 4,
        _ => 5,
    };
}
