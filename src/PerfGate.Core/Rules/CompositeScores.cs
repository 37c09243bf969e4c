using PerfGate.Core.Configuration;
using PerfGate.Core.Results;
using PerfGate.Core.Scores;

namespace PerfGate.Core.Rules;

/// <summary>The verdict's composite figures (docs/index-and-score.md), from what the gate judged.</summary>
internal static class CompositeScores
{
    /// <summary>
    /// Every figure of this run that a Tier 1 target applies to, matched as the gate matches them: benchmark times and
    /// benchmark metrics (<see cref="TargetMatcher.ForBenchmark"/>), run-level metrics (<see cref="TargetMatcher.ForRunMetric"/>).
    /// Benchmarks that failed to run have no figure and are left out.
    /// </summary>
    public static PerformanceIndex? Index(IEnumerable<BenchmarkEvidence> evidence, BenchmarkRun current, GateOptions options)
    {
        var factor = options.Thresholds.CriticalFactor;
        var parts = new List<TargetScore>();
        foreach (var e in evidence)
        {
            if (e.Current is not { FailedToRun: false } cur)
            {
                continue;
            }

            foreach (var match in TargetMatcher.ForBenchmark(options.Targets, e.Key, cur.Metrics))
            {
                if (match.Metric is { } m)
                {
                    parts.Add(TargetMatcher.Score(match.Target, m.Id, m.Name, m.Value, m.Unit, factor, m.BiggerIsBetter));
                }
                else if (e.CurrentEstimate is { } estimate)
                {
                    parts.Add(TargetMatcher.Score(match.Target, "time", e.DisplayName, estimate.Value, "ns", factor));
                }
            }
        }

        foreach (var m in current.Metrics.GroupBy(m => m.Id).Select(g => g.First()))
        {
            if (TargetMatcher.ForRunMetric(options.Targets, m.Id) is { } target)
            {
                parts.Add(TargetMatcher.Score(target, m.Id, m.Name, m.Value, m.Unit, factor, m.BiggerIsBetter));
            }
        }

        return PerformanceIndex.From(parts);
    }

    /// <summary>Each benchmark's deciding comparison, its time change as measured (before any runner-shift adjustment) with its test's standard error.</summary>
    public static RegressionScore? Regression(IEnumerable<CorrectedComparison> corrected)
    {
        var deciding = corrected.Select(c => c.Comparison).Where(c => c.Decides).ToList();
        var changes = deciding
            .Select(c => new ScoredChange(c.Key, c.MeasuredLogChange, c.Test.StandardError, c.Test.DegreesOfFreedom))
            .ToList();
        var against = deciding.Select(c => c.Against).Distinct(StringComparer.Ordinal).ToList();
        var reference = against.Count == 1 ? against[0] : "each benchmark's deciding reference (" + string.Join(", ", against.Order(StringComparer.Ordinal)) + ")";
        return RegressionScore.From(changes, reference);
    }
}
