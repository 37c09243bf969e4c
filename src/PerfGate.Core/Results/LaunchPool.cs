using System.Collections.Immutable;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Results;

/// <summary>
/// Pools results of one benchmark measured by separate processes into one result whose launches are all of them
/// (SPEC §3b: the process is the replicate). Launches are renumbered 1…n in the order given; the statistics are
/// recomputed from the pooled measurements; allocations, deterministic per operation, are the median of the parts.
/// </summary>
public static class LaunchPool
{
    /// <summary>True when both results carry launches: they are separate processes to pool, not copies of one report.</summary>
    public static bool CanPool(BenchmarkResult a, BenchmarkResult b) =>
        !a.FailedToRun && !b.FailedToRun && !a.Launches.IsDefaultOrEmpty && !b.Launches.IsDefaultOrEmpty;

    public static BenchmarkResult Pool(IReadOnlyList<BenchmarkResult> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var measured = parts.Where(p => !p.FailedToRun).ToArray();
        if (measured.Length == 0)
        {
            return parts[0];
        }

        var launches = ImmutableArray.CreateBuilder<Launch>();
        foreach (var part in measured)
        {
            foreach (var launch in part.Launches.IsDefaultOrEmpty ? [] : part.Launches)
            {
                launches.Add(launch with { Index = launches.Count + 1 });
            }
        }

        var values = launches.SelectMany(l => l.NanosecondsPerOperation).ToArray();
        var allocations = measured.Select(p => p.AllocatedBytesPerOperation).OfType<double>().ToArray();
        var first = measured[0];
        return first with
        {
            Launches = launches.ToImmutable(),
            OriginalValues = [],
            Statistics = values.Length == 0 ? first.Statistics : Summarise(values),
            AllocatedBytesPerOperation = allocations.Length == 0 ? null : Quantiles.Median(allocations),
        };
    }

    /// <summary>Pools runs benchmark by benchmark (first appearance keeps its place); run-level fields come from the first run.</summary>
    public static BenchmarkRun Pool(IReadOnlyList<BenchmarkRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var order = new List<string>();
        var byKey = new Dictionary<string, List<BenchmarkResult>>(StringComparer.Ordinal);
        foreach (var result in runs.SelectMany(r => r.Results))
        {
            if (!byKey.TryGetValue(result.Id.Key, out var list))
            {
                byKey[result.Id.Key] = list = [];
                order.Add(result.Id.Key);
            }

            list.Add(result);
        }

        var first = runs[0];
        return first with
        {
            Results = [.. order.Select(k => Pool(byKey[k]))],
            Metrics = [.. runs.SelectMany(r => r.Metrics).GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last())],
            Detail = runs.Any(r => r.Detail == ResultDetail.Measurements) ? ResultDetail.Measurements : ResultDetail.StatisticsOnly,
            Sources = [.. runs.SelectMany(r => r.Sources).Distinct(StringComparer.Ordinal)],
            Warnings = [.. runs.SelectMany(r => r.Warnings)],
            Timestamp = runs.Min(r => r.Timestamp),
        };
    }

    private static TimeStatistics Summarise(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mean = values.Average();
        var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
        return new TimeStatistics(
            values.Length,
            mean,
            Quantiles.OfSorted(sorted, 0.5),
            sd,
            sorted[0],
            sorted[^1],
            Quantiles.OfSorted(sorted, 0.05),
            Quantiles.OfSorted(sorted, 0.95),
            values.Length > 1 ? sd / Math.Sqrt(values.Length) : null);
    }
}
