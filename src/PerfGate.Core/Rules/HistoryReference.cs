using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// The rolling baseline of one benchmark from recent main-branch runs (seeds §3): the newest <c>window</c> run
/// estimates on the log scale, outliers beyond <c>k</c> robust standard deviations of the median removed
/// (Leys et al. 2013), their median, spread and the seeds' confidence = min(1, n / window).
/// </summary>
public sealed record HistoryReference
{
    /// <summary>Kept log estimates, oldest first.</summary>
    public required ImmutableArray<double> LogValues { get; init; }

    /// <summary>All estimates in nanoseconds, oldest first (outliers included), for charts.</summary>
    public required ImmutableArray<double> Values { get; init; }

    public required double LogMedian { get; init; }

    /// <summary>Every window run's log estimate with its run id (outliers included), for the suite-wide shifts the history has seen.</summary>
    public ImmutableArray<(long RunId, double LogValue)> RunLogValues { get; init; } = [];

    /// <summary>Every window run (outliers included), oldest first, with its commit: the series the change-point tier searches.</summary>
    public ImmutableArray<HistoryRun> Runs { get; init; } = [];

    /// <summary>Sample variance of the kept log estimates (n − 1); null with fewer than 2.</summary>
    public double? Variance { get; init; }

    public int Count => LogValues.Length;

    public int OutliersRemoved { get; init; }

    public double Confidence { get; init; }

    public double P5 { get; init; }

    public double P95 { get; init; }

    /// <summary>Fewest recorded allocation figures that make <see cref="AllocatedBytes"/> a reference.</summary>
    public const int MinimumAllocationRuns = 3;

    /// <summary>
    /// Median allocated bytes per operation of the window's runs that measured it (deterministic, so a median of a few
    /// runs is a sound reference); null with fewer than <see cref="MinimumAllocationRuns"/>.
    /// </summary>
    public double? AllocatedBytes { get; init; }

    /// <summary>How many runs <see cref="AllocatedBytes"/> is the median of.</summary>
    public int AllocationRuns { get; init; }

    /// <summary>
    /// Per recorded run, the log distances of its benchmarks from their history medians (references with at least 3 kept
    /// runs; runs with at least <paramref name="minimumBenchmarks"/> benchmarks): how each run stood against the suite.
    /// The runner-shift cap takes their medians, the disturbance check their spreads.
    /// </summary>
    public static IEnumerable<List<double>> DeviationsByRun(IEnumerable<HistoryReference> references, int minimumBenchmarks)
    {
        ArgumentNullException.ThrowIfNull(references);
        var byRun = new Dictionary<long, List<double>>();
        foreach (var reference in references)
        {
            if (reference.Count < 3)
            {
                continue;
            }

            foreach (var (runId, logValue) in reference.RunLogValues)
            {
                if (!byRun.TryGetValue(runId, out var list))
                {
                    byRun[runId] = list = [];
                }

                list.Add(logValue - reference.LogMedian);
            }
        }

        return byRun.Values.Where(v => v.Count >= minimumBenchmarks);
    }

    public static HistoryReference? Build(ImmutableArray<HistoryPoint> newestFirst, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (newestFirst.IsDefaultOrEmpty)
        {
            return null;
        }

        // Built for every benchmark of every check (a thousand are common): one pass over the window, plain loops.
        var windowLength = Math.Min(options.HistoryWindow, newestFirst.Length);
        var runs = new HistoryRun[windowLength];
        var values = new double[windowLength];
        var logs = new double[windowLength];
        var allocations = new List<double>(windowLength);
        var count = 0;
        for (var i = windowLength - 1; i >= 0; i--)
        {
            var point = newestFirst[i];
            if (point.AllocatedBytes is { } bytes && double.IsFinite(bytes))
            {
                allocations.Add(bytes);
            }

            if (RunEstimate.From(point) is { } estimate)
            {
                runs[count] = new HistoryRun(point.RunId, point.Commit, point.Timestamp, estimate.LogValue);
                values[count] = estimate.Value;
                logs[count] = estimate.LogValue;
                count++;
            }
        }

        if (count == 0)
        {
            return null;
        }

        // Oldest first; the allocation median does not depend on the order.
        Array.Resize(ref logs, count);
        var kept = RemoveOutliers(logs, options.OutlierCutoff);
        var sortedExp = new double[kept.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            sortedExp[i] = Math.Exp(kept[i]);
        }

        Array.Sort(sortedExp);
        var runLogValues = new (long RunId, double LogValue)[count];
        for (var i = 0; i < count; i++)
        {
            runLogValues[i] = (runs[count - 1 - i].RunId, runs[count - 1 - i].LogValue);
        }

        return new HistoryReference
        {
            AllocatedBytes = allocations.Count >= MinimumAllocationRuns ? Quantiles.Median(allocations) : null,
            AllocationRuns = allocations.Count,
            LogValues = [.. kept],
            RunLogValues = ImmutableArray.Create(runLogValues),
            Runs = ImmutableArray.Create(runs, 0, count),
            Values = ImmutableArray.Create(values, 0, count),
            LogMedian = Quantiles.Median(kept),
            Variance = kept.Length >= 2 ? SampleVariance(kept) : null,
            OutliersRemoved = logs.Length - kept.Length,
            Confidence = Math.Min(1.0, (double)kept.Length / options.HistoryWindow),
            P5 = Quantiles.OfSorted(sortedExp, 0.05),
            P95 = Quantiles.OfSorted(sortedExp, 0.95),
        };
    }

    /// <summary>Drops values farther than <paramref name="k"/> × 1.4826 × MAD from the median; keeps everything when MAD is 0 or fewer than 4 values.</summary>
    internal static double[] RemoveOutliers(double[] values, double k)
    {
        if (values.Length < 4)
        {
            return values;
        }

        var median = Quantiles.Median(values);
        var mad = Quantiles.Median(values.Select(v => Math.Abs(v - median)).ToArray());
        if (mad <= 0)
        {
            return values;
        }

        var limit = k * 1.4826 * mad;
        return values.Where(v => Math.Abs(v - median) <= limit).ToArray();
    }

    internal static double SampleVariance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}

/// <summary>One main-branch run of a series as the change-point tier needs it: which run, which commit, when, and its log estimate.</summary>
public sealed record HistoryRun(long RunId, string? Commit, DateTimeOffset Timestamp, double LogValue);
