namespace PerfGate.Core.Verdicts;

/// <summary>
/// A maintainer accepted this verdict's failures on purpose (the accept label on the PR, applied by someone with write
/// access; docs/github.md): the verdict passes and says who accepted what and by how much.
/// </summary>
/// <param name="By">The login of whoever applied the label.</param>
/// <param name="Label">The label's name.</param>
/// <param name="PullRequest">The PR that carried the label.</param>
/// <param name="Failing">How many benchmarks and metrics failed before the acceptance.</param>
/// <param name="Regressions">How many of them were regressions.</param>
/// <param name="WorstPercent">The largest change among the failing regressions, or null when none has one.</param>
/// <param name="Worst">The display name of that regression.</param>
public sealed record Acceptance(string By, string Label, int? PullRequest, int Failing, int Regressions, double? WorstPercent, string? Worst)
{
    /// <summary>The verdict with its failures accepted: it passes, and records <see cref="Acceptance"/>. A passing verdict is returned as is.</summary>
    public static Verdict Apply(Verdict verdict, string by, string label, int? pullRequest)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (verdict.Passed)
        {
            return verdict;
        }

        var failing = verdict.Benchmarks.Where(b => b.Fails).ToList();
        var regressions = failing.Where(b => b.Kind == ChangeKind.Regression && b.ChangePercent is { } c && double.IsFinite(c)).ToList();
        var worst = regressions.OrderByDescending(b => b.ChangePercent).FirstOrDefault();
        return verdict with
        {
            Passed = true,
            Acceptance = new Acceptance(
                by,
                label,
                pullRequest,
                failing.Count + verdict.Metrics.Count(m => m.Fails),
                failing.Count(b => b.Kind == ChangeKind.Regression),
                worst?.ChangePercent,
                worst?.DisplayName),
        };
    }
}
