namespace PerfGate.Core.Rules;

/// <summary>
/// The run-to-run variance of one run's log estimate for one benchmark, with its degrees of freedom and where it
/// came from. This, not the spread of iterations inside one run, is what a change must stand out from.
/// </summary>
public sealed record NoiseEstimate(double RunVariance, double DegreesOfFreedom, string Source)
{
    /// <summary>One standard deviation of a run's estimate, in percent.</summary>
    public double RunNoisePercent => (Math.Exp(Math.Sqrt(RunVariance)) - 1) * 100;
}
