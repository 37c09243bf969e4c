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

        IReadOnlyList<double> sample = originalValues.Length > 0 ? originalValues : [.. launches.SelectMany(l => l.NanosecondsPerOperation)];
        var mean = fields.NonNegative(s, "Mean", at, Time) ?? (sample.Count > 0 ? sample.Average() : null);
        if (mean is null)
        {
            return null;
        }

        var percentiles = fields.Object(s, "Percentiles", at);
        var p95 = (percentiles is { } p ? fields.NonNegative(p, "P95", $"{at}.Percentiles", Time) : null) ?? Quantiles.Of(sample, 0.95);
        var n = fields.Count(s, "N", at) ?? sample.Count;
        return new TimeStatistics(
            N: n,
            Mean: mean.Value,
            Median: fields.NonNegative(s, "Median", at, Time) ?? Quantiles.Of(sample, 0.5) ?? mean.Value,
            StandardDeviation: fields.NonNegative(s, "StandardDeviation", at) ?? 0, // "" (NaN) when N = 1
            Min: fields.NonNegative(s, "Min", at, Time) ?? (sample.Count > 0 ? sample.Min() : mean.Value),
            Max: fields.NonNegative(s, "Max", at, Time) ?? (sample.Count > 0 ? sample.Max() : mean.Value),
            P5: Quantiles.Of(sample, 0.05),
            P95: p95,
            StandardError: fields.Number(s, "StandardError", at));
    }
}
