using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// A whole-suite shift that the runner, not the code, may explain. When most benchmarks moved the same way by a
/// similar amount and none of those benchmarks' allocations changed, the common factor (the median log change) may be
/// the machine's: a slower or busier runner, a different CPU boost state (the idea of dividing out the median change
/// is the one discopy/discopy#527 uses across machines). But a slower logger, a lock or a Debug build slows every
/// benchmark alike without touching allocations too, and a single run cannot tell those apart. So the correction:
/// <list type="bullet">
/// <item>absorbs at most the largest suite-wide shift the history has actually seen between its own runs
/// (<see cref="SeenInHistory"/>); with no such history it absorbs the shift but says the verdict is undecided;</item>
/// <item>never turns a slowdown above the fail threshold into a quiet pass: the rule keeps the measured change and
/// warns (<see cref="StatisticalRule"/>), and the headline says only an A/B run can tell the runner from the code.</item>
/// </list>
/// </summary>
/// <param name="LogShift">The suite's median log change, as measured.</param>
/// <param name="AbsorbedLogShift">The part taken as the runner's: <see cref="LogShift"/> within ± the cap.</param>
/// <param name="Variance">The uncertainty of the absorbed shift.</param>
/// <param name="Benchmarks">How many benchmarks the median is of.</param>
/// <param name="CapLogShift">The largest suite-wide shift seen in the history; null when the history cannot tell.</param>
public sealed record RunnerShift(double LogShift, double AbsorbedLogShift, double Variance, int Benchmarks, double? CapLogShift)
{
    public double Percent => ToPercent(LogShift);

    public double AbsorbedPercent => ToPercent(AbsorbedLogShift);

    /// <summary>True when the suite moved more than the history has ever seen it move: part of the shift was left in.</summary>
    public bool Capped => AbsorbedLogShift != LogShift;

    /// <summary>Minimum number of comparable benchmarks, and the share that must agree on the direction.</summary>
    private const int MinimumBenchmarks = 5;
    private const double Agreement = 0.7;

    /// <param name="changes">Log changes of benchmarks whose allocations did not change.</param>
    /// <param name="runVariance">A typical run-to-run variance of one benchmark's change, for the shift's own uncertainty.</param>
    /// <param name="cap">The largest suite-wide log shift the history has seen (<see cref="SeenInHistory"/>); null when unknown.</param>
    public static RunnerShift? Detect(IReadOnlyList<double> changes, double runVariance, ThresholdOptions thresholds, double? cap)
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

        var absorbed = cap is { } c ? Math.Clamp(median, -c, c) : median;

        // The variance of a sample median is about π/2 × σ² / k for k values (asymptotic efficiency of the median).
        return new RunnerShift(median, absorbed, Math.PI / 2 * runVariance / changes.Count, changes.Count, cap);
    }

    /// <summary>
    /// The largest absolute suite-wide shift among the history's own runs: for each recorded run, the median over
    /// benchmarks of its log distance from that benchmark's history median (runs with at least 5 benchmarks); null
    /// when no recorded run qualifies.
    /// </summary>
    public static double? SeenInHistory(IEnumerable<HistoryReference> references)
    {
        var shifts = HistoryReference.DeviationsByRun(references, MinimumBenchmarks).Select(v => Math.Abs(Quantiles.Median(v))).ToArray();
        return shifts.Length == 0 ? null : shifts.Max();
    }

    /// <summary>What was taken out, for a finding's message.</summary>
    public string Describe() => Capped
        ? string.Create(CultureInfo.InvariantCulture, $"the whole suite moved {Percent:+0.0;-0.0}%; {AbsorbedPercent:+0.0;-0.0}% (the most the history has seen) was taken as the runner's")
        : CapLogShift is null
            ? string.Create(CultureInfo.InvariantCulture, $"the whole suite moved {Percent:+0.0;-0.0}%, taken as the runner's (no history to bound it)")
            : string.Create(CultureInfo.InvariantCulture, $"the whole suite moved {Percent:+0.0;-0.0}%, within what the history has seen, taken as the runner's");

    private static double ToPercent(double log) => (Math.Exp(log) - 1) * 100;
}
