using PerfGate.Core.Statistics;
using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Core.Rules;

/// <summary>
/// One run's estimate of a benchmark's time, on the log scale: the mean of the logs of its per-launch medians
/// (the geometric mean of launch medians), or the log of its median when launches are unknown. Launches are
/// separate processes, so their spread is direct between-process evidence; iterations inside one process are not.
/// </summary>
public sealed record RunEstimate(double LogValue, int Launches, double? LaunchVariance)
{
    /// <summary>The estimate in nanoseconds.</summary>
    public double Value => Math.Exp(LogValue);

    public static RunEstimate? From(BenchmarkResult result)
    {
        if (result.Statistics is null)
        {
            return null;
        }

        var medians = result.Launches.IsDefaultOrEmpty
            ? []
            : result.Launches
                .Where(l => !l.NanosecondsPerOperation.IsDefaultOrEmpty)
                .Select(l => Quantiles.Median(l.NanosecondsPerOperation))
                .Where(m => m > 0)
                .ToImmutableArray();
        if (medians.Length > 0)
        {
            return FromLaunchMedians(medians);
        }

        var median = result.Statistics.Median;
        return median > 0 && double.IsFinite(median) ? new RunEstimate(Math.Log(median), 1, null) : null;
    }

    public static RunEstimate? From(HistoryPoint point)
    {
        var medians = point.LaunchMedians.IsDefaultOrEmpty ? [] : point.LaunchMedians.Where(m => m > 0 && double.IsFinite(m)).ToImmutableArray();
        if (medians.Length > 0)
        {
            return FromLaunchMedians(medians);
        }

        return point.Value > 0 && double.IsFinite(point.Value) ? new RunEstimate(Math.Log(point.Value), 1, null) : null;
    }

    private static RunEstimate FromLaunchMedians(ImmutableArray<double> medians)
    {
        var logs = medians.Select(Math.Log).ToArray();
        var mean = logs.Average();
        double? variance = logs.Length >= 2 ? logs.Sum(x => (x - mean) * (x - mean)) / (logs.Length - 1) : null;
        return new RunEstimate(mean, logs.Length, variance);
    }
}
