using PerfGate.Core.Statistics;
using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>Reads <c>Statistics</c> (BenchmarkDotNet's <c>Mathematics/Statistics.cs</c>, serialised by SimpleJson).</summary>
internal static class BdnStatistics
{
    private const string Time = "a time";

    /// <summary>Null when the benchmark failed to run (<c>Statistics</c> missing or null) or has no usable mean.</summary>
    public static TimeStatistics? Read(JsonElement benchmark, JsonFields fields, string path, ImmutableArray<Launch> launches, out ImmutableArray<double> originalValues)
    {
        originalValues = [];
        if (fields.Object(benchmark, "Statistics", path) is not { } s)
        {
            return null;
        }

        var at = $"{path}.Statistics";
        if (fields.Array(s, "OriginalValues", at) is { } array)
        {
            var values = ImmutableArray.CreateBuilder<double>(array.GetArrayLength());
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                // Hot path (a 1,000-benchmark report holds ~100,000 values): a plain non-negative number is taken as is;
                // the element's path is built only for anything else, where a message may need it.
                if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var fast) && double.IsFinite(fast) && fast >= 0)
                {
                    values.Add(fast);
                    i++;
                    continue;
                }

                var itemPath = $"{at}.OriginalValues[{i++}]";
                if (fields.NonNegative(fields.Number(item, itemPath), itemPath, Time) is { } v)
                {
                    values.Add(v);
                }
            }

            originalValues = values.ToImmutable();
        }

        var sample = Sample(originalValues, launches);
        var mean = fields.NonNegative(s, "Mean", at, Time);
        if (mean is null && sample.Count == 0)
        {
            return null;
        }

        // Read in this order so that, of two bad fields, the same one is named as always.
        var percentiles = fields.Object(s, "Percentiles", at);
        var p95 = percentiles is { } p ? fields.NonNegative(p, "P95", $"{at}.Percentiles", Time) : null;
        var n = fields.Count(s, "N", at);
        var median = fields.NonNegative(s, "Median", at, Time);
        var standardDeviation = fields.NonNegative(s, "StandardDeviation", at);
        var min = fields.NonNegative(s, "Min", at, Time);
        var max = fields.NonNegative(s, "Max", at, Time);
        var standardError = fields.Number(s, "StandardError", at);
        return Summarise(new ReportedStatistics(mean, median, standardDeviation, min, max, p95, n, standardError), sample);
    }

    /// <summary>The values the summary falls back on: <c>OriginalValues</c>, else every launch's measurements.</summary>
    public static IReadOnlyList<double> Sample(ImmutableArray<double> originalValues, ImmutableArray<Launch> launches) =>
        originalValues.Length > 0 ? originalValues : [.. launches.SelectMany(l => l.NanosecondsPerOperation)];

    /// <summary>
    /// The statistics as reported, each missing figure computed from <paramref name="sample"/>; null without a mean
    /// (reported or computable).
    /// </summary>
    public static TimeStatistics? Summarise(ReportedStatistics reported, IReadOnlyList<double> sample)
    {
        var mean = reported.Mean ?? (sample.Count > 0 ? sample.Average() : null);
        if (mean is null)
        {
            return null;
        }

        return new TimeStatistics(
            N: reported.N ?? sample.Count,
            Mean: mean.Value,
            Median: reported.Median ?? Quantiles.Of(sample, 0.5) ?? mean.Value,
            StandardDeviation: reported.StandardDeviation ?? 0, // "" (NaN) when N = 1
            Min: reported.Min ?? (sample.Count > 0 ? sample.Min() : mean.Value),
            Max: reported.Max ?? (sample.Count > 0 ? sample.Max() : mean.Value),
            P5: Quantiles.Of(sample, 0.05),
            P95: reported.P95 ?? Quantiles.Of(sample, 0.95),
            StandardError: reported.StandardError);
    }
}

/// <summary>The figures of a <c>Statistics</c> object the gate uses, as the file gives them (null: absent, empty or NaN).</summary>
internal readonly record struct ReportedStatistics(
    double? Mean,
    double? Median,
    double? StandardDeviation,
    double? Min,
    double? Max,
    double? P95,
    int? N,
    double? StandardError);
