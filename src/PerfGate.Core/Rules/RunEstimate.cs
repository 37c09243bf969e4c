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
            return FromLaunchMedians(medians.AsSpan());
        }

        var median = result.Statistics.Median;
        return median > 0 && double.IsFinite(median) ? new RunEstimate(Math.Log(median), 1, null) : null;
    }

    public static RunEstimate? From(HistoryPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        // Read for every point of every series (status reads 60 × the suite): plain loops, no LINQ per point.
        var launches = point.LaunchMedians.IsDefaultOrEmpty ? [] : point.LaunchMedians.AsSpan();
        var usable = 0;
        foreach (var m in launches)
        {
            usable += m > 0 && double.IsFinite(m) ? 1 : 0;
        }

        if (usable > 0)
        {
            Span<double> medians = usable <= 64 ? stackalloc double[usable] : new double[usable];
            var n = 0;
            foreach (var m in launches)
            {
                if (m > 0 && double.IsFinite(m))
                {
                    medians[n++] = m;
                }
            }

            return FromLaunchMedians(medians);
        }

        return point.Value > 0 && double.IsFinite(point.Value) ? new RunEstimate(Math.Log(point.Value), 1, null) : null;
    }

    /// <summary>The mean of the logs and their sample variance, each summed in order (as LINQ's Average and Sum do).</summary>
    private static RunEstimate FromLaunchMedians(ReadOnlySpan<double> medians)
    {
        Span<double> logs = medians.Length <= 64 ? stackalloc double[medians.Length] : new double[medians.Length];
        double sum = 0;
        for (var i = 0; i < medians.Length; i++)
        {
            logs[i] = Math.Log(medians[i]);
            sum += logs[i];
        }

        var mean = sum / logs.Length;
        double? variance = null;
        if (logs.Length >= 2)
        {
            double squares = 0;
            foreach (var x in logs)
            {
                squares += (x - mean) * (x - mean);
            }

            variance = squares / (logs.Length - 1);
        }

        return new RunEstimate(mean, logs.Length, variance);
    }
}
