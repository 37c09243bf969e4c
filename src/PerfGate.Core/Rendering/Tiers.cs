using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>The lower-case names of enums in every output (<c>target|baseline|history|trend|exact|ab</c>, <c>ok|warning|error|critical</c>).</summary>
public static class Tiers
{
    public static string Name(Tier tier) => tier switch
    {
        Tier.Target => "target",
        Tier.Baseline => "baseline",
        Tier.History => "history",
        Tier.Trend => "trend",
        Tier.Exact => "exact",
        Tier.SameRunner => "ab",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>The tier named by <see cref="Name(Tier)"/>.</summary>
    public static Tier ParseTier(string text) =>
        Enum.GetValues<Tier>().FirstOrDefault(t => Name(t) == text) is var tier && Name(tier) == text
            ? tier
            : throw new FormatException($"unknown tier '{text}'");

    public static string Name(Severity severity) => severity switch
    {
        Severity.Ok => "ok",
        Severity.Warning => "warning",
        Severity.Error => "error",
        Severity.Critical => "critical",
        _ => severity.ToString().ToLowerInvariant(),
    };

    public static string Name(ChangeKind kind) => kind switch
    {
        ChangeKind.Unchanged => "unchanged",
        ChangeKind.Regression => "regression",
        ChangeKind.Improvement => "improvement",
        ChangeKind.New => "new",
        ChangeKind.Removed => "removed",
        ChangeKind.FailedToRun => "failed-to-run",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
