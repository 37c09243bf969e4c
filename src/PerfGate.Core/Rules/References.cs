using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// A reference a benchmark's time is compared with (BenchmarkDotNet's <c>IAnalyser</c> shape: evidence in,
/// conclusions out). Each is pure and small; the gate runs them all, decides which comparison decides each benchmark
/// (<see cref="Comparison.DecidingOrder"/>), corrects for the suite and judges.
/// </summary>
internal interface IReference
{
    Tier Tier { get; }

    /// <summary>The comparison of this benchmark with this reference; null when the reference does not know it.</summary>
    Comparison? Compare(BenchmarkEvidence evidence);
}

/// <summary>The committed baseline: one run, usually on another machine; a fingerprint mismatch means it cannot fail.</summary>
internal sealed class CommittedBaselineReference(bool machineMismatch) : IReference
{
    public Tier Tier => Tier.Baseline;

    public Comparison? Compare(BenchmarkEvidence e)
    {
        if (e is not { CurrentEstimate: { } now, BaselineEstimate: { } then, Noise: { } noise })
        {
            return null;
        }

        // Two independent run estimates, each with the run-to-run variance.
        var change = now.LogValue - then.LogValue;
        return new Comparison
        {
            Tier = Tier,
            Key = e.Key,
            Test = new ChangeTest(change, Math.Sqrt(2 * noise.RunVariance), noise.DegreesOfFreedom, Margin(e)),
            MeasuredLogChange = change,
            ReferenceNs = then.Value,
            CurrentNs = now.Value,
            Against = "the baseline",
            ReferenceLaunches = then.Launches,
            CannotFailReason = machineMismatch ? "the baseline was measured on a different machine or runtime" : null,
        };
    }

    internal static double Margin(BenchmarkEvidence e) => Math.Log(1 + (e.WarningPercent / 100));
}

/// <summary>
/// The rolling median of recent main-branch runs (seeds §3). Silent below the low confidence band; warns only below
/// the high band (defaults: 3 and 5 runs of a 20-run window: the t-test's degrees of freedom carry the rest).
/// </summary>
internal sealed class RollingHistoryReference(StatisticsOptions options) : IReference
{
    public Tier Tier => Tier.History;

    public Comparison? Compare(BenchmarkEvidence e)
    {
        if (e is not { CurrentEstimate: { } now, History: { Count: > 0 } h, Noise: { } noise } || h.Confidence < options.LowConfidence)
        {
            return null;
        }

        // The median of n runs has about π/2 × σ²/n variance (asymptotic efficiency of the median).
        var change = now.LogValue - h.LogMedian;
        return new Comparison
        {
            Tier = Tier,
            Key = e.Key,
            Test = new ChangeTest(change, Math.Sqrt(noise.RunVariance * (1 + (Math.PI / (2 * h.Count)))), noise.DegreesOfFreedom, CommittedBaselineReference.Margin(e)),
            MeasuredLogChange = change,
            ReferenceNs = Math.Exp(h.LogMedian),
            CurrentNs = now.Value,
            Against = "the history median",
            ReferenceLaunches = 0,
            CannotFailReason = h.Confidence >= options.HighConfidence
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"only {h.Count} of {options.HistoryWindow} history runs (confidence {h.Confidence:0.00} < {options.HighConfidence:0.0#})"),
        };
    }
}

/// <summary>
/// The PR's base measured on the same runner in the same job, paired by round (SPEC §3b): the mean of the rounds'
/// head-over-base log differences, tested against <see cref="PairedNoise"/>'s moderated variance. Machine
/// fingerprints do not matter here, and no runner-shift correction applies: the pairing already removes the runner.
/// </summary>
internal sealed class SameRunnerReference : IReference
{
    public Tier Tier => Tier.SameRunner;

    public Comparison? Compare(BenchmarkEvidence e)
    {
        if (e is not { Rounds: { } pairs, PairedNoise: { } noise })
        {
            return null;
        }

        var change = pairs.MeanLogDifference;
        return new Comparison
        {
            Tier = Tier,
            Key = e.Key,
            Test = new ChangeTest(change, Math.Sqrt(noise.RunVariance / pairs.Count), noise.DegreesOfFreedom, CommittedBaselineReference.Margin(e)),
            MeasuredLogChange = change,
            ReferenceNs = Math.Exp(pairs.BaseLogValue),
            CurrentNs = Math.Exp(pairs.HeadLogValue),
            Against = "the base measured on this runner",
            ReferenceLaunches = pairs.BaseLaunches,
        };
    }
}

/// <summary>
/// Decorates a single-run reference with the runner-shift correction (<see cref="RunnerShift"/>): the benchmarks it
/// may shift (allocations unchanged) are judged relative to the suite's common move, as far as the cap allows.
/// </summary>
internal sealed class ShiftCorrectedReference(IReference inner, RunnerShift shift, Func<BenchmarkEvidence, bool> shiftable) : IReference
{
    public Tier Tier => inner.Tier;

    public Comparison? Compare(BenchmarkEvidence e)
    {
        var c = inner.Compare(e);
        if (c is null || !shiftable(e) || shift.AbsorbedLogShift == 0)
        {
            return c;
        }

        return c with
        {
            Test = c.Test with
            {
                LogChange = c.Test.LogChange - shift.AbsorbedLogShift,
                StandardError = Math.Sqrt((c.Test.StandardError * c.Test.StandardError) + shift.Variance),
            },
            Adjustment = shift.Describe(),
        };
    }
}

/// <summary>
/// Decorates a single-run reference when the run was measured on a disturbed runner (<see cref="RunDisturbance"/>):
/// its time comparisons still say what they measured but cannot fail the build.
/// </summary>
internal sealed class DisturbedRunReference(IReference inner, RunDisturbance disturbance) : IReference
{
    public Tier Tier => inner.Tier;

    public Comparison? Compare(BenchmarkEvidence e) =>
        inner.Compare(e) is { } c ? c with { CannotFailReason = c.CannotFailReason ?? disturbance.Describe() + "; only an A/B run (perfgate ab) or a run on a quiet runner can decide" } : null;
}
