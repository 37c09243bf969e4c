namespace PerfGate.Core.Rules;

/// <summary>
/// The run-to-run variance of one run's log estimate for one benchmark, with its degrees of freedom and where it
/// came from. This, not the spread of iterations inside one run, is what a change must stand out from.
/// </summary>
/// <param name="EvidenceVariance">The same estimate from the measured evidence alone (history and launches, no prior); null without any.</param>
/// <param name="EvidenceDegreesOfFreedom">Degrees of freedom of the measured evidence.</param>
public sealed record NoiseEstimate(double RunVariance, double DegreesOfFreedom, string Source, double? EvidenceVariance = null, double EvidenceDegreesOfFreedom = 0)
{
    /// <summary>One standard deviation of a run's estimate, in percent.</summary>
    public double RunNoisePercent => (Math.Exp(Math.Sqrt(RunVariance)) - 1) * 100;
}
