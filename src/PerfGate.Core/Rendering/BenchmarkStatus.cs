using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>How a report labels one benchmark: an emoji for markdown and a word for every format.</summary>
public sealed record BenchmarkStatus(string Emoji, string Word)
{
    public static readonly BenchmarkStatus Fails = new("❌", "fails");
    public static readonly BenchmarkStatus FailsCritical = new("❌", "fails (critical)");
    public static readonly BenchmarkStatus Warning = new("⚠️", "warning");
    public static readonly BenchmarkStatus Faster = new("🟢", "faster");
    public static readonly BenchmarkStatus Slower = new("🔸", "slower");
    public static readonly BenchmarkStatus Unchanged = new("⚪", "unchanged");
    public static readonly BenchmarkStatus New = new("🆕", "new");
    public static readonly BenchmarkStatus Removed = new("🗑️", "removed");
    public static readonly BenchmarkStatus FailedToRun = new("💥", "failed to run");

    /// <summary>
    /// The label, most important first: a benchmark that did not run says so even when that fails the build;
    /// then failing, new/removed, too noisy, warnings, and the direction of the change.
    /// </summary>
    public static BenchmarkStatus Of(BenchmarkVerdict verdict) => verdict switch
    {
        { Kind: ChangeKind.FailedToRun } => FailedToRun,
        { Fails: true, Severity: Severity.Critical } => FailsCritical,
        { Fails: true } => Fails,
        { Kind: ChangeKind.New } => New,
        { Kind: ChangeKind.Removed } => Removed,
        { TooNoisy: true } => TooNoisy(verdict.MinimumDetectableChangePercent),
        { Severity: >= Severity.Warning } => Warning,
        { Kind: ChangeKind.Improvement } => Faster,
        { Kind: ChangeKind.Regression } => Slower,
        _ => Unchanged,
    };

    public static BenchmarkStatus TooNoisy(double? minimumDetectableChangePercent) =>
        new("🔇", minimumDetectableChangePercent is { } mdc && double.IsFinite(mdc)
            ? "too noisy (detects ≥ " + Units.Percent(Math.Round(mdc, 1)) + ")"
            : "too noisy");

    /// <summary>The label of a run-level metric.</summary>
    public static BenchmarkStatus Of(MetricVerdict metric) => metric switch
    {
        { Fails: true, Severity: Severity.Critical } => FailsCritical,
        { Fails: true } => Fails,
        { Severity: >= Severity.Warning } => Warning,
        _ => new BenchmarkStatus("✅", "ok"),
    };

    /// <summary>True for rows a reader can skip: unchanged, judged, nothing to say. They are folded away first.</summary>
    public static bool IsQuiet(BenchmarkVerdict verdict) =>
        verdict is { Kind: ChangeKind.Unchanged, TooNoisy: false, Fails: false, Severity: Severity.Ok };

    public string Markdown => Emoji + " " + Word;
}
