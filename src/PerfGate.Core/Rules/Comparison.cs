using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// One reference's view of one benchmark's time: the change with its uncertainty (<see cref="Test"/>), what it was
/// compared with, and whether it is the comparison that decides the benchmark (only that one may fail the build;
/// the others inform). Produced by an <see cref="IReference"/>, possibly adjusted by <see cref="ShiftCorrectedReference"/>.
/// </summary>
internal sealed record Comparison
{
    public required Tier Tier { get; init; }

    public required string Key { get; init; }

    /// <summary>The change as tested (after any runner-shift adjustment).</summary>
    public required ChangeTest Test { get; init; }

    /// <summary>The change as measured, before any adjustment (log scale); equal to the test's when nothing was adjusted.</summary>
    public required double MeasuredLogChange { get; init; }

    public required double ReferenceNs { get; init; }

    public required double CurrentNs { get; init; }

    /// <summary>"the baseline", "the history median", "the base measured on this runner".</summary>
    public required string Against { get; init; }

    public required int ReferenceLaunches { get; init; }

    /// <summary>Why this comparison cannot fail the build even when it would; null when it can.</summary>
    public string? CannotFailReason { get; init; }

    /// <summary>True for the benchmark's deciding comparison (<see cref="DecidingOrder"/>).</summary>
    public bool Decides { get; init; }

    /// <summary>What the runner-shift correction took out, for the message; null when nothing.</summary>
    public string? Adjustment { get; init; }

    public bool CanFail => Decides && CannotFailReason is null;

    public bool Adjusted => Test.LogChange != MeasuredLogChange;

    /// <summary>
    /// Which comparison decides a benchmark's time, best evidence first: the same-runner base (paired by round),
    /// then the rolling history (many runs), then the committed baseline (one run). One deciding test per benchmark
    /// keeps the suite-wide correction honest: the same slowdown is not tested twice against correlated references.
    /// </summary>
    public static int DecidingOrder(Tier tier) => tier switch
    {
        Tier.SameRunner => 0,
        Tier.History => 1,
        Tier.Baseline => 2,
        _ => 3,
    };
}

/// <summary>A comparison with its p-values after the suite-wide correction (<see cref="SuiteCorrection"/>).</summary>
/// <param name="FailP">The minimum-effect test's p-value ("slower by more than the warning threshold"), corrected.</param>
/// <param name="WarnP">The "slower at all" test's p-value, corrected.</param>
/// <param name="ImprovementP">The "faster at all" test's p-value, uncorrected (an improvement never fails anything).</param>
internal sealed record CorrectedComparison(Comparison Comparison, double FailP, double WarnP, double ImprovementP);
