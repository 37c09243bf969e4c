using Perfolizer.Mathematics.Multimodality;

namespace PerfGate.Core.Statistics;

/// <summary>
/// Whether a benchmark's measurements look multimodal, by Perfolizer's mvalue (Brendan Gregg's, as BenchmarkDotNet's
/// <c>MultimodalDistributionAnalyzer</c> computes it): at or above 3.2 a distribution "may be multimodal", at or
/// above 4 it is. A bimodal benchmark's median can jump between its modes from one process to the next, which is
/// noise no test of medians can see inside one run.
/// </summary>
public static class Modality
{
    /// <summary>BenchmarkDotNet's threshold for "may be multimodal".</summary>
    public const double MultimodalMValue = 3.2;

    /// <summary>The mvalue of the values; null with fewer than 10 finite values (too few to tell).</summary>
    public static double? MValue(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length < 10 ? null : MValueCalculator.Calculate(finite);
    }
}
