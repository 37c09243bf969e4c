using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>
/// Which raw values of a result are stored, and how they are put back into launches. Above the cap each launch keeps
/// a share proportional to its size (at least one value), taken at evenly spaced positions, so the stored sample keeps
/// the shape of every launch rather than only the first launches.
/// </summary>
internal static class StoredSamples
{
    public static (List<double> Values, string? Layout, int OriginalCount) Select(BenchmarkResult result, int cap)
    {
        var values = new List<double>();
        if (!result.Launches.IsDefaultOrEmpty)
        {
            var total = result.Launches.Sum(l => l.NanosecondsPerOperation.IsDefault ? 0 : l.NanosecondsPerOperation.Length);
            var layout = new StringBuilder();
            foreach (var launch in result.Launches)
            {
                var launchValues = launch.NanosecondsPerOperation.IsDefault ? [] : launch.NanosecondsPerOperation;
                var keep = total <= cap ? launchValues.Length : Math.Max(1, (int)((long)launchValues.Length * cap / total));
                var before = values.Count;
                AddEvenly(values, launchValues.AsSpan(), keep);
                if (layout.Length > 0)
                {
                    layout.Append(',');
                }

                layout.Append(CultureInfo.InvariantCulture, $"{launch.Index}:{values.Count - before}");
            }

            return (values, layout.ToString(), total);
        }

        var original = result.OriginalValues.IsDefault ? [] : result.OriginalValues;
        AddEvenly(values, original.AsSpan(), Math.Min(cap, original.Length));
        return (values, null, original.Length);
    }

    public static ImmutableArray<Launch> Rebuild(ImmutableArray<double> values, string layout)
    {
        var launches = ImmutableArray.CreateBuilder<Launch>();
        var offset = 0;
        foreach (var part in layout.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var index = int.Parse(part.AsSpan(0, colon), CultureInfo.InvariantCulture);
            var count = int.Parse(part.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            count = Math.Min(count, values.Length - offset);
            launches.Add(new Launch(index, values.Slice(offset, count)));
            offset += count;
        }

        return launches.ToImmutable();
    }

    /// <summary>Per-launch medians, only when there are two launches or more (one launch's median is the result's median).</summary>
    public static List<double> LaunchMedians(BenchmarkResult result)
    {
        var medians = new List<double>();
        if (result.Launches.IsDefaultOrEmpty || result.Launches.Length < 2)
        {
            return medians;
        }

        foreach (var launch in result.Launches)
        {
            if (!launch.NanosecondsPerOperation.IsDefaultOrEmpty)
            {
                medians.Add(Median(launch.NanosecondsPerOperation));
            }
        }

        return medians;
    }

    private static double Median(ImmutableArray<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void AddEvenly(List<double> target, ReadOnlySpan<double> source, int keep)
    {
        if (keep >= source.Length)
        {
            foreach (var value in source)
            {
                target.Add(value);
            }

            return;
        }

        for (var i = 0; i < keep; i++)
        {
            target.Add(source[(int)((long)i * source.Length / keep)]);
        }
    }
}
