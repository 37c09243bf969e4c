using PerfGate.Core.Configuration;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// A whole-suite shift that the runner, not the code, explains. When most benchmarks moved the same way by a similar
/// amount and none of those benchmarks' allocations changed, the common factor (the median log change) is the
/// machine's: a slower or busier runner, a different CPU boost state. Those benchmarks are then judged relative to
/// it, so one that slowed more than the rest still fails, and an unchanged suite on a slow runner does not (the
/// idea of dividing out the median change is the one discopy/discopy#527 uses across machines).
/// Benchmarks whose allocations changed are judged as they are: allocations move with the code, not the runner.
/// A regression that slows every benchmark alike without changing any allocation is the one case this hides;
/// the verdict says when a shift was taken out.
/// </summary>
public sealed record RunnerShift(double LogShift, double Variance, int Benchmarks)
{
    public double Percent => (Math.Exp(LogShift) - 1) * 100;

    /// <summary>Minimum number of comparable benchmarks, and the share that must agree on the direction.</summary>
    private const int MinimumBenchmarks = 5;
    private const double Agreement = 0.7;

    /// <param name="changes">Log changes of benchmarks whose allocations did not change.</param>
    /// <param name="runVariance">A typical run-to-run variance of one benchmark's change, for the shift's own uncertainty.</param>
    public static RunnerShift? Detect(IReadOnlyList<double> changes, double runVariance, ThresholdOptions thresholds)
    {
        if (changes.Count < MinimumBenchmarks)
        {
            return null;
        }

        var median = Quantiles.Median(changes);
        var sameWay = changes.Count(d => Math.Sign(d) == Math.Sign(median)) / (double)changes.Count;
        if (Math.Abs(median) < Math.Log(1 + (thresholds.WarningPercent / 200)) || sameWay < Agreement)
        {
            return null;
        }

        // The variance of a sample median is about π/2 × σ² / k for k values (asymptotic efficiency of the median).
        return new RunnerShift(median, Math.PI / 2 * runVariance / changes.Count, changes.Count);
    }
}
