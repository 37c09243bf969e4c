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
    /// an A/B benchmark shows its outcome (see <see cref="OfAb"/>); otherwise failing, new/removed, warnings (a
    /// possible slowdown is worth more than a note on noise), too noisy, and the direction of the change.
    /// </summary>
    public static BenchmarkStatus Of(BenchmarkVerdict verdict) =>
        verdict is { Kind: not ChangeKind.FailedToRun, Outcome: { } outcome } ? OfAb(verdict, outcome) : OfSingle(verdict);

    /// <summary>
    /// An A/B benchmark's label: its outcome and rounds, e.g. <c>cleared (5 rounds)</c>, <c>undecided (3 rounds)</c>;
    /// a failing one keeps its marker first: <c>fails, confirmed (5 rounds)</c>, <c>fails (critical), confirmed (5 rounds)</c>.
    /// </summary>
    private static BenchmarkStatus OfAb(BenchmarkVerdict verdict, AbOutcome outcome)
    {
        var word = OutcomeLabel(verdict)!;
        if (verdict.Fails)
        {
            var marker = FailMarker(verdict);
            return new(marker.Emoji, marker.Word + ", " + word);
        }

        return outcome switch
        {
            AbOutcome.Confirmed => new(Warning.Emoji, word),
            AbOutcome.Undecided => new("❔", word),
            _ => new(ClearedEmoji(verdict), word),
        };
    }

    /// <summary>A cleared benchmark's emoji: still a warning, faster or slower (below the fail threshold), or unchanged.</summary>
    private static string ClearedEmoji(BenchmarkVerdict verdict) => verdict switch
    {
        { Severity: >= Severity.Warning } => Warning.Emoji,
        { Kind: ChangeKind.Improvement } => Faster.Emoji,
        { Kind: ChangeKind.Regression } => Slower.Emoji,
        _ => Unchanged.Emoji,
    };

    /// <summary>An A/B benchmark's outcome and rounds, e.g. <c>confirmed (5 rounds)</c>; null outside an A/B run or for one that failed to run.</summary>
    public static string? OutcomeLabel(BenchmarkVerdict verdict) =>
        verdict is { Kind: not ChangeKind.FailedToRun, Outcome: { } outcome }
            ? OutcomeWord(outcome) + (verdict.Rounds is { } rounds ? " (" + VerdictHeadline.Plural(rounds, "round") + ")" : string.Empty)
            : null;

    /// <summary>The failing marker of a failing benchmark: <see cref="FailsCritical"/> or <see cref="Fails"/>.</summary>
    public static BenchmarkStatus FailMarker(BenchmarkVerdict verdict) =>
        verdict.Severity == Severity.Critical ? FailsCritical : Fails;

    /// <summary>The lower-case name of an A/B outcome in every output: <c>confirmed|cleared|undecided</c>.</summary>
    public static string OutcomeWord(AbOutcome outcome) => outcome switch
    {
        AbOutcome.Confirmed => "confirmed",
        AbOutcome.Cleared => "cleared",
        AbOutcome.Undecided => "undecided",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static BenchmarkStatus OfSingle(BenchmarkVerdict verdict) => verdict switch
    {
        { Kind: ChangeKind.FailedToRun } => FailedToRun,
        { Fails: true, Severity: Severity.Critical } => FailsCritical,
        { Fails: true } => Fails,
        { Kind: ChangeKind.New } => New,
        { Kind: ChangeKind.Removed } => Removed,
        { Severity: >= Severity.Warning } => Warning,
        { TooNoisy: true } => TooNoisy(verdict.MinimumDetectableChangePercent),
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
        verdict is { Kind: ChangeKind.Unchanged, TooNoisy: false, Fails: false, Severity: Severity.Ok }
            && verdict.Outcome is null or AbOutcome.Cleared;

    public string Markdown => Emoji + " " + Word;
}
