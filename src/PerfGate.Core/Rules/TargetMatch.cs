using PerfGate.Core.Configuration;

namespace PerfGate.Core.Rules;

/// <summary>
/// Which configured targets apply to a series, matched the way the gate matches them: a benchmark target by its
/// glob over the benchmark id key, a run-level metric target by its metric id (with no benchmark glob).
/// Shared by the gate and the dashboard, so both draw the same budget.
/// </summary>
public static class TargetMatch
{
    /// <summary>Targets whose benchmark glob matches <paramref name="benchmarkKey"/>: budgets on its time and on its attached metrics.</summary>
    public static IEnumerable<TargetOptions> ForBenchmark(GateOptions options, string benchmarkKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Targets.Where(t => t.Benchmark is { } glob && Glob.IsMatch(glob, benchmarkKey));
    }

    /// <summary>The budget on the benchmark's time (a matching target without a metric), the first one configured; null when none.</summary>
    public static TargetOptions? ForBenchmarkTime(GateOptions options, string benchmarkKey) =>
        ForBenchmark(options, benchmarkKey).FirstOrDefault(t => t.Metric is null);

    /// <summary>The target of a run-level metric: the first target naming <paramref name="metricId"/> without a benchmark glob; null when none.</summary>
    public static TargetOptions? ForRunMetric(GateOptions options, string metricId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Targets.FirstOrDefault(t => t.Benchmark is null && t.Metric == metricId);
    }
}
