namespace PerfGate.Core.Results;

/// <summary>
/// The quantile BenchmarkDotNet prints in <c>Statistics.Percentiles</c>: linear interpolation between order statistics
/// (Hyndman &amp; Fan 1996, definition 7), used to fill P5 (and P95 when missing) from the raw values.
/// </summary>
internal static class SampleQuantile
{
    public static double? Of(IReadOnlyList<double> values, double probability)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * probability;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}
