using PerfGate.Core.Configuration;
using PerfGate.Core.Results;
using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Which configured targets apply to a benchmark or a run-level metric: the one matching rule the gate uses, public so
/// the operations verbs (<c>perfgate status</c>) show the same targets the gate judged.
/// </summary>
public static class TargetMatcher
{
    /// <summary>
    /// Targets for a benchmark, in the order the gate judges them: first metric-only targets whose metric the benchmark
    /// carries, then targets whose <see cref="TargetOptions.Benchmark"/> glob matches <paramref name="benchmarkKey"/>
    /// (on its time, or on the named metric when the benchmark carries it; otherwise the target does not apply).
    /// </summary>
    public static IReadOnlyList<TargetMatch> ForBenchmark(IEnumerable<TargetOptions> targets, string benchmarkKey, IReadOnlyCollection<MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(metrics);
        var all = targets as IReadOnlyCollection<TargetOptions> ?? [.. targets];
        var matches = new List<TargetMatch>();
        foreach (var target in all.Where(x => x.Benchmark is null && x.Metric is { } id && metrics.Any(m => m.Id == id)))
        {
            matches.Add(new TargetMatch(target, metrics.First(m => m.Id == target.Metric)));
        }

        foreach (var target in all.Where(x => x.Benchmark is { } g && Glob.IsMatch(g, benchmarkKey)))
        {
            if (target.Metric is not { } metricId)
            {
                matches.Add(new TargetMatch(target, null));
            }
            else if (metrics.FirstOrDefault(m => m.Id == metricId) is { } m)
            {
                matches.Add(new TargetMatch(target, m));
            }
        }

        return matches;
    }

    /// <summary>The budget on a benchmark's time: the first target whose glob matches <paramref name="benchmarkKey"/> and names no metric; null when none.</summary>
    public static TargetOptions? ForBenchmarkTime(IEnumerable<TargetOptions> targets, string benchmarkKey)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.FirstOrDefault(x => x.Benchmark is { } g && x.Metric is null && Glob.IsMatch(g, benchmarkKey));
    }

    /// <summary>The target of a run-level metric: the first metric-only target with its id; null when none.</summary>
    public static TargetOptions? ForRunMetric(IEnumerable<TargetOptions> targets, string metricId)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.FirstOrDefault(x => x.Benchmark is null && x.Metric == metricId);
    }

    /// <summary>Judges <paramref name="current"/> (in <paramref name="unit"/>) against a target exactly as the gate's tier 1 does.</summary>
    public static Finding Judge(TargetOptions target, string figure, double current, string unit, double criticalFactor, bool metricBiggerIsBetter = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        return TargetRule.Judge(target with { BiggerIsBetter = target.BiggerIsBetter || metricBiggerIsBetter }, figure, current, unit, criticalFactor);
    }

    /// <summary>
    /// <paramref name="current"/> scored against a target for the <see cref="PerformanceIndex"/>, with the severity the
    /// gate's tier 1 gives it (<see cref="Judge"/>); named by the target, else <paramref name="name"/>.
    /// </summary>
    public static TargetScore Score(TargetOptions target, string figure, string name, double current, string unit, double criticalFactor, bool metricBiggerIsBetter = false)
    {
        var finding = Judge(target, figure, current, unit, criticalFactor, metricBiggerIsBetter);
        return new TargetScore(figure, target.Name ?? name, current, target.Target, unit, target.BiggerIsBetter || metricBiggerIsBetter, finding.Severity);
    }
}

/// <summary>A target that applies to a benchmark: on its time when <see cref="Metric"/> is null, else on that metric of the benchmark.</summary>
public sealed record TargetMatch(TargetOptions Target, MetricValue? Metric)
{
    /// <summary>What the target judges: <c>time</c> or the metric id.</summary>
    public string Figure => Metric?.Id ?? "time";

    /// <summary>The unit of the judged figure: <c>ns</c> for time, else the metric's unit.</summary>
    public string Unit => Metric?.Unit ?? "ns";

    /// <summary>Larger is better when the target or the metric says so.</summary>
    public bool BiggerIsBetter => Target.BiggerIsBetter || (Metric?.BiggerIsBetter ?? false);
}
