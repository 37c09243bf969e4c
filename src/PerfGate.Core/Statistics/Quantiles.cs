namespace PerfGate.Core.Statistics;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics (Hyndman &amp; Fan 1996, definition 7; R's
/// default and BenchmarkDotNet's <c>Percentiles</c>). Non-finite values are ignored.
/// </summary>
public static class Quantiles
{
    /// <summary>The quantile of <paramref name="values"/> at <paramref name="probability"/>, null when there is no finite value.</summary>
    public static double? Of(IReadOnlyList<double> values, double probability)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? null : OfSorted(sorted, probability);
    }

    /// <summary>The median, NaN when there is no finite value.</summary>
    public static double Median(IReadOnlyList<double> values) => Of(values, 0.5) ?? double.NaN;

    /// <summary>The quantile of values already sorted ascending (not empty).</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double probability)
    {
        var h = (sorted.Count - 1) * probability;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}
