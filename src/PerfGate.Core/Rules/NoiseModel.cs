using PerfGate.Core.Configuration;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// Estimates each benchmark's run-to-run variance from every source of between-run evidence, pooled with a prior
/// the way moderated statistics do (Smyth 2004, "Linear models and empirical Bayes methods for assessing
/// differential expression", eq. for s̃²): s̃² = (d0·s0² + Σ dₖ·sₖ²) / (d0 + Σ dₖ), tested with d0 + Σ dₖ degrees of freedom.
/// <list type="bullet">
/// <item>the history: the spread of recent main runs' estimates (n − 1 degrees of freedom), the best evidence;</item>
/// <item>launches: the spread of per-launch medians in this run and in the baseline, divided by the launch count
/// (a run's estimate averages its launches): a lower bound only, since launches of one run share the runner's state;</item>
/// <item>the prior s0²: the suite's typical history variance when several benchmarks have history (empirical
/// Bayes), else the configured assumed run-to-run noise; weight d0 = <c>PriorWeightRuns</c>.</item>
/// </list>
/// The shrinkage keeps a benchmark whose few recorded runs agreed by chance from getting a tiny variance and
/// crying wolf; the floor keeps a perfectly quiet history from making every nanosecond significant.
/// </summary>
public static class NoiseModel
{
    /// <summary>
    /// The prior variance: the median history variance over benchmarks with at least 3 kept history runs, when at
    /// least 3 benchmarks have one; otherwise the assumed noise.
    /// </summary>
    public static (double Variance, string Source) Prior(IEnumerable<HistoryReference?> references, StatisticsOptions options)
    {
        var variances = references
            .Where(r => r is { Count: >= 3, Variance: not null })
            .Select(r => r!.Variance!.Value)
            .Order()
            .ToArray();
        var floor = Floor(options);
        if (variances.Length >= 3)
        {
            return (Math.Max(floor, Quantiles.Median(variances)), $"suite median of {variances.Length} histories");
        }

        var assumed = Math.Log(1 + (options.AssumedRunToRunNoisePercent / 100));
        return (Math.Max(floor, assumed * assumed), $"assumed {options.AssumedRunToRunNoisePercent:0.#}%");
    }

    public static NoiseEstimate Estimate(
        HistoryReference? history,
        RunEstimate current,
        RunEstimate? baseline,
        (double Variance, string Source) prior,
        StatisticsOptions options)
    {
        var weight = options.PriorWeightRuns;
        var sum = weight * prior.Variance;
        var df = weight;
        var sources = new List<string> { $"prior: {prior.Source}" };
        double? historyVariance = null;
        var historyDf = 0.0;

        if (history is { Count: >= 2, Variance: { } hv })
        {
            sum += (history.Count - 1) * hv;
            df += history.Count - 1;
            historyVariance = hv;
            historyDf = history.Count - 1;
            sources.Add($"{history.Count} history runs");
        }

        // Launches are separate processes of one run: their spread shows the between-process part of the noise but
        // not what a whole run shares (the runner's load, its CPU), so it can only raise the estimate, never lower it.
        double? launchBound = null;
        var launchDf = 0.0;
        foreach (var (run, name) in new[] { (current, "this run"), (baseline, "baseline") })
        {
            if (run is { Launches: >= 2, LaunchVariance: { } lv })
            {
                launchBound = Math.Max(launchBound ?? 0, lv / run.Launches);
                launchDf += run.Launches - 1;
                sources.Add($"{run.Launches} launches in {name}");
            }
        }

        var floor = Floor(options);
        var variance = Math.Max(floor, Math.Max(sum / df, launchBound ?? 0));
        double? evidence = historyVariance is { } h ? Math.Max(h, launchBound ?? 0) : launchBound;
        var evidenceDf = historyVariance is not null ? historyDf : launchDf;
        return new NoiseEstimate(variance, Math.Max(1, df), string.Join(", ", sources), evidence is { } e ? Math.Max(floor, e) : null, evidenceDf);
    }

    /// <summary>The smallest variance of one run's log estimate: <c>minimumNoisePercent</c> squared on the log scale.</summary>
    internal static double Floor(StatisticsOptions options)
    {
        var floor = Math.Log(1 + (options.MinimumNoisePercent / 100));
        return floor * floor;
    }
}
