using PerfGate.Core.Configuration;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// The noise of one round's head-over-base difference, moderated the way <see cref="NoiseModel"/> moderates a single
/// run's (Smyth 2004): s̃² = (d0·s0² + (R − 1)·s²) / (d0 + R − 1) with d0 + R − 1 degrees of freedom, where s² is
/// the benchmark's own spread of the R round differences and the prior s0² is
/// <list type="bullet">
/// <item>the suite's median spread of round differences in this same A/B run (same machine, same job, same launch
/// count: the most relevant evidence there is), when at least 3 benchmarks have 2 or more rounds;</item>
/// <item>scaled by how noisy this benchmark is relative to the suite in the recorded history (its between-process
/// spread there over the suite's median, kept within ¼…4×), when the history knows enough benchmarks;</item>
/// <item>else twice the assumed run-to-run noise.</item>
/// </list>
/// With 3 rounds a benchmark's own spread has 2 degrees of freedom; the prior keeps three rounds that agreed by
/// chance from looking precise, and lets the test use a t quantile with d0 + 2 degrees of freedom rather than 2.
/// </summary>
public static class PairedNoise
{
    private const double MaxRelativeNoise = 4;

    public static (double Variance, string Source) SuitePrior(IEnumerable<PairedRounds?> pairs, StatisticsOptions options)
    {
        var variances = pairs.Where(p => p is { Count: >= 2 }).Select(p => p!.Variance!.Value).ToArray();
        var floor = Floor(options);
        if (variances.Length >= 3)
        {
            return (Math.Max(floor, Quantiles.Median(variances)), $"suite median of {variances.Length} benchmarks' round differences");
        }

        var assumed = Math.Log(1 + (options.AssumedRunToRunNoisePercent / 100));
        return (Math.Max(floor, 2 * assumed * assumed), $"assumed {options.AssumedRunToRunNoisePercent:0.#}% per side");
    }

    /// <summary>This benchmark's history variance over the suite's median one, within ¼…4×; 1 without enough history.</summary>
    public static double RelativeNoise(HistoryReference? history, double? suiteHistoryVariance)
    {
        if (history is not { Count: >= 3, Variance: { } v } || suiteHistoryVariance is not > 0)
        {
            return 1;
        }

        return Math.Clamp(v / suiteHistoryVariance.Value, 1 / MaxRelativeNoise, MaxRelativeNoise);
    }

    public static NoiseEstimate Estimate(PairedRounds pairs, (double Variance, string Source) prior, double relativeNoise, StatisticsOptions options)
    {
        var d0 = options.PriorWeightRuns;
        var s0 = prior.Variance * relativeNoise;
        var sum = d0 * s0;
        var df = d0;
        var source = relativeNoise == 1 ? $"prior: {prior.Source}" : $"prior: {prior.Source} × {relativeNoise:0.##} (this benchmark's relative noise in the history)";
        double? own = null;
        if (pairs.Variance is { } v)
        {
            sum += (pairs.Count - 1) * v;
            df += pairs.Count - 1;
            own = Math.Max(Floor(options), v);
            source += $", {pairs.Count} rounds";
        }

        return new NoiseEstimate(Math.Max(Floor(options), sum / df), df, source, own, pairs.Count - 1);
    }

    /// <summary>The smallest variance of a difference of two runs: twice the per-run floor.</summary>
    private static double Floor(StatisticsOptions options) => 2 * NoiseModel.Floor(options);
}
