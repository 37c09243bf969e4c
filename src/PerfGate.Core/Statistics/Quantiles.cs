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
        ArgumentNullException.ThrowIfNull(values);
        var finite = 0;
        for (var i = 0; i < values.Count; i++)
        {
            finite += double.IsFinite(values[i]) ? 1 : 0;
        }

        if (finite == 0)
        {
            return null;
        }

        // Array.Sort rather than LINQ's ordering: the same order statistics (an unstable sort may swap −0 and +0, which
        // the interpolation below cannot tell apart), without a key array, a comparer and an iterator per call.
        var sorted = new double[finite];
        var n = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                sorted[n++] = values[i];
            }
        }

        Array.Sort(sorted);
        return OfSorted(sorted, probability);
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
