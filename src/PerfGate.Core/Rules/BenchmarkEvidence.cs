using PerfGate.Core.Results;

namespace PerfGate.Core.Rules;

/// <summary>
/// Everything measured about one benchmark id before anything is judged: this run, the committed baseline, the
/// rolling history, the same-runner A/B rounds, and the thresholds that apply to it. Immutable: each phase of the
/// gate reads it and returns new values.
/// </summary>
internal sealed record BenchmarkEvidence
{
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>BenchmarkDotNet's <c>--filter</c> pattern that reruns it: <c>Namespace.Type.Method</c>.</summary>
    public required string FilterPattern { get; init; }

    public BenchmarkResult? Current { get; init; }

    /// <summary>The committed baseline's result.</summary>
    public BenchmarkResult? Baseline { get; init; }

    /// <summary>In an A/B run, the base side pooled over every round (for allocations and domain figures).</summary>
    public BenchmarkResult? SameRunnerBase { get; init; }

    public RunEstimate? CurrentEstimate { get; init; }

    public RunEstimate? BaselineEstimate { get; init; }

    public HistoryReference? History { get; init; }

    /// <summary>In an A/B run, the per-round pairs; null otherwise or when no round measured it on both sides.</summary>
    public PairedRounds? Rounds { get; init; }

    /// <summary>The run-to-run noise of one run's estimate (single-run references); null without a current estimate.</summary>
    public NoiseEstimate? Noise { get; init; }

    /// <summary>The noise of one round's difference (the same-runner reference); null outside A/B.</summary>
    public NoiseEstimate? PairedNoise { get; init; }

    public required double WarningPercent { get; init; }

    public required double FailPercent { get; init; }

    public string? RenameNote { get; init; }

    /// <summary>The reference figure for exact comparisons of allocations and domain figures: the same-runner base, else the committed baseline.</summary>
    public BenchmarkResult? ExactReference => SameRunnerBase ?? Baseline;
}
