using System.Collections.Immutable;

namespace PerfGate.Core.Results;

/// <summary>
/// Merges runs read from several files into one, and attaches custom metrics. Runs come in priority order. Inside one
/// group (the reports of one class in one folder: full, brief…) a benchmark is one result, the first read, except that
/// a result with measurements replaces one without (a brief report of the same run). Across groups, results of one
/// benchmark that both carry launches are separate processes of one run and are pooled, each launch one replicate
/// (SPEC §3b); an exact copy of launches already read is not a new process and is reported instead.
/// </summary>
internal static class RunMerger
{
    public static BenchmarkRun Merge(IReadOnlyList<IReadOnlyList<BenchmarkRun>> groups, IReadOnlyList<(CustomMetric Metric, string Source)> customMetrics)
    {
        var results = new List<BenchmarkResult>();
        var positions = new Dictionary<string, (int Index, string Source, int Group)>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var sources = new List<string>();
        BenchmarkRun? first = null;
        var detail = ResultDetail.StatisticsOnly;
        DateTimeOffset? timestamp = null;
        var groupIndex = 0;
        var runMetrics = ImmutableArray.CreateBuilder<MetricValue>();
        foreach (var group in groups)
        {
            foreach (var run in group)
            {
                sources.AddRange(run.Sources);
                warnings.AddRange(run.Warnings);
                runMetrics.AddRange(run.Metrics);
                if (run.Results.Length == 0 && run.Host == HostFingerprint.Unknown)
                {
                    continue;
                }

                if (first is null)
                {
                    first = run;
                }
                else if (!first.Host.IsComparableTo(run.Host))
                {
                    warnings.Add($"{string.Join(", ", run.Sources)}: measured on a different host ({run.Host.Key}) than {string.Join(", ", first.Sources)} ({first.Host.Key})");
                }

                if (run.Detail == ResultDetail.Measurements)
                {
                    detail = ResultDetail.Measurements;
                }

                if (run.Timestamp is { } t && (timestamp is null || t < timestamp))
                {
                    timestamp = t;
                }

                foreach (var result in run.Results)
                {
                    var source = string.Join(", ", run.Sources);
                    if (!positions.TryGetValue(result.Id.Key, out var seen))
                    {
                        positions[result.Id.Key] = (results.Count, source, groupIndex);
                        results.Add(result);
                        continue;
                    }

                    if (seen.Group != groupIndex && LaunchPool.CanPool(results[seen.Index], result))
                    {
                        if (SameLaunches(results[seen.Index], result))
                        {
                            warnings.Add($"{source}: benchmark '{result.Id.Key}' repeats the measurements of {seen.Source} exactly (a copied file?); counted once");
                        }
                        else
                        {
                            if (results[seen.Index].AllocatedBytesPerOperation is { } before && result.AllocatedBytesPerOperation is { } now &&
                                !Configuration.GateOptions.Default.Allocations.Tolerates(before, now))
                            {
                                warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                    $"{source}: benchmark '{result.Id.Key}' allocates {now:0.#} B/op here but {before:0.#} B/op in {seen.Source}: launches of different code? Pooled, allocations taken as their median"));
                            }

                            results[seen.Index] = LaunchPool.Pool([results[seen.Index], result]);
                        }

                        continue;
                    }

                    var better = results[seen.Index].Launches.IsDefaultOrEmpty && !result.Launches.IsDefaultOrEmpty;
                    if (better)
                    {
                        results[seen.Index] = result;
                    }

                    if (seen.Group != groupIndex)
                    {
                        warnings.Add($"{source}: benchmark '{result.Id.Key}' also in {seen.Source}; kept the one {(better ? "with measurements" : "read first")}");
                    }
                }
            }

            groupIndex++;
        }

        foreach (var (custom, source) in customMetrics)
        {
            sources.Add(source);
            if (custom.Benchmark is null)
            {
                runMetrics.Add(custom.Metric);
                continue;
            }

            var matched = false;
            for (var i = 0; i < results.Count; i++)
            {
                var r = results[i];
                if (r.FullName == custom.Benchmark || r.Id.Key == custom.Benchmark)
                {
                    results[i] = r with { Metrics = r.Metrics.Add(custom.Metric) };
                    matched = true;
                }
            }

            if (!matched)
            {
                warnings.Add($"{source}: metric '{custom.Metric.Id}' names benchmark '{custom.Benchmark}', which is not in the results; kept as a run-level metric");
                runMetrics.Add(custom.Metric);
            }
        }

        return new BenchmarkRun
        {
            Host = first?.Host ?? HostFingerprint.Unknown,
            Results = [.. results],
            Metrics = runMetrics.ToImmutable(),
            Detail = results.Count == 0 ? first?.Detail ?? ResultDetail.StatisticsOnly : detail,
            Sources = [.. sources.Distinct(StringComparer.Ordinal)],
            Commit = first?.Commit,
            Branch = first?.Branch,
            Timestamp = timestamp,
            Warnings = [.. warnings],
        };
    }

    /// <summary>True when every launch of <paramref name="b"/> repeats one of <paramref name="pooled"/> value for value.</summary>
    private static bool SameLaunches(BenchmarkResult pooled, BenchmarkResult b) =>
        b.Launches.All(l => pooled.Launches.Any(p => p.NanosecondsPerOperation.SequenceEqual(l.NanosecondsPerOperation)));
}
