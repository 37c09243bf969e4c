using System.Collections.Immutable;

namespace PerfGate.Core.Verdicts;

/// <summary>
/// The gate's conclusion about one benchmark. Times (<see cref="Baseline"/>, <see cref="Current"/>) are the
/// compared statistic in nanoseconds per operation; change percentages are signed, positive meaning slower.
/// </summary>
public sealed record BenchmarkVerdict
{
    /// <summary>The stable id (<c>BenchmarkId.Key</c>): type, method, parameters, job.</summary>
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required ChangeKind Kind { get; init; }

    public Severity Severity { get; init; }

    /// <summary>True when this benchmark fails the build.</summary>
    public bool Fails { get; init; }

    public double? Baseline { get; init; }

    public double? Current { get; init; }

    public double? ChangePercent { get; init; }

    /// <summary>Confidence interval of the change, in percent (null when it could not be estimated).</summary>
    public double? ChangeLowerPercent { get; init; }

    public double? ChangeUpperPercent { get; init; }

    /// <summary>The smallest slowdown, in percent, that this benchmark's run-to-run noise lets the gate detect.</summary>
    public double? MinimumDetectableChangePercent { get; init; }

    /// <summary>True when the noise is too large to detect the configured fail threshold; see <see cref="NoiseAdvice"/>.</summary>
    public bool TooNoisy { get; init; }

    /// <summary>What would make the benchmark judgeable (e.g. more launches), when <see cref="TooNoisy"/>.</summary>
    public string? NoiseAdvice { get; init; }

    public double? BaselineAllocatedBytes { get; init; }

    public double? CurrentAllocatedBytes { get; init; }

    /// <summary>The compared statistic of recent main-branch runs, oldest first, for a sparkline or chart.</summary>
    public ImmutableArray<double> History { get; init; } = [];

    public ImmutableArray<Finding> Findings { get; init; } = [];

    /// <summary>Launches (separate processes) behind <see cref="Current"/>: pooled over every file and round of this run.</summary>
    public int CurrentLaunches { get; init; }

    /// <summary>Launches behind <see cref="Baseline"/> (the same-runner base in an A/B run, else the committed baseline); 0 for the history median.</summary>
    public int BaselineLaunches { get; init; }

    /// <summary>In an A/B run: how many rounds measured this benchmark on both sides (screening plus confirmation); null otherwise.</summary>
    public int? Rounds { get; init; }

    /// <summary>In an A/B run: confirmed, cleared or undecided; null otherwise.</summary>
    public AbOutcome? Outcome { get; init; }

    /// <summary>
    /// In an A/B run, the outcome for people: "confirmed over 5 rounds", "cleared after 5 rounds",
    /// "undecided after 3 rounds: detects ≥ 34%"; null otherwise.
    /// </summary>
    public string? OutcomeText { get; init; }

    /// <summary>In an A/B run: confirmed, or undecided with a change above the warning threshold; confirmation rounds rerun it (<see cref="Rules.Confirmation"/>).</summary>
    public bool Suspect { get; init; }

    /// <summary>The BenchmarkDotNet <c>--filter</c> pattern that reruns this benchmark: <c>Namespace.Type.Method</c>.</summary>
    public string? FilterPattern { get; init; }
}
