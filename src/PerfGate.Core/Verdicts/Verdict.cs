using System.Collections.Immutable;
using PerfGate.Core.Scores;

namespace PerfGate.Core.Verdicts;

/// <summary>
/// The whole outcome of <c>perfgate check</c>: pass or fail, one verdict per benchmark (regressions first after
/// <see cref="VerdictOrdering"/>), run-level metrics, and notes for the reader (fingerprint mismatch, brief input…).
/// </summary>
public sealed record Verdict
{
    public required bool Passed { get; init; }

    public ImmutableArray<BenchmarkVerdict> Benchmarks { get; init; } = [];

    public ImmutableArray<MetricVerdict> Metrics { get; init; } = [];

    public RunContext Context { get; init; } = new();

    public required GateThresholds Thresholds { get; init; }

    /// <summary>
    /// In a single run, the suite-wide shift (percent) the runner-shift correction took out when it was at least the
    /// warning threshold: the headline then says only an A/B run can tell the runner from the code. Null otherwise.
    /// </summary>
    public double? RunnerShiftPercent { get; init; }

    /// <summary>
    /// In a single run measured on a disturbed runner (<see cref="Rules.RunDisturbance"/>), what was seen: its time
    /// comparisons could not fail, and the headline says so. Null otherwise.
    /// </summary>
    public string? DisturbedRun { get; init; }

    /// <summary>Set when a maintainer accepted the failures (<see cref="Verdicts.Acceptance.Apply"/>): <see cref="Passed"/> is then true.</summary>
    public Acceptance? Acceptance { get; init; }

    /// <summary>The seeds' Performance Index over every targeted figure; null when no target applied (docs/index-and-score.md).</summary>
    public PerformanceIndex? PerformanceIndex { get; init; }

    /// <summary>The seeds' Regression Score (negative = slower) over the deciding comparisons; null when no benchmark had a reference.</summary>
    public RegressionScore? RegressionScore { get; init; }

    /// <summary>Sentences for the reader that concern the whole run.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>
    /// On a run off the baseline branch: recent lasting steps on main (tier 3) that no acknowledgement covers, one
    /// per benchmark, e.g. <c>Parse: step of +23.0% (…) at commit abc1234, run #45</c>. Context for a PR comment, never a failure.
    /// </summary>
    public ImmutableArray<string> MainSteps { get; init; } = [];

    public Severity Severity =>
        Benchmarks.Select(b => b.Severity).Concat(Metrics.Select(m => m.Severity)).DefaultIfEmpty(Severity.Ok).Max();

    public int Count(ChangeKind kind) => Benchmarks.Count(b => b.Kind == kind);
}
