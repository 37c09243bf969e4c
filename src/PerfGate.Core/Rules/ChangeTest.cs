using MathNet.Numerics.Distributions;

namespace PerfGate.Core.Rules;

/// <summary>
/// A change on the log scale with its standard error and degrees of freedom, and the one-sided t-tests the gate
/// makes of it:
/// <list type="bullet">
/// <item><see cref="FailPValue"/>: H0 "slower by at most the warning threshold" (a minimum-effect test, like the
/// equivalence margins of ResultsComparer's TOST): a failure needs evidence that the slowdown exceeds the
/// warning threshold, not merely that it exceeds zero, so a change of 10% or less fails with probability ≤ α;</item>
/// <item><see cref="WarnPValue"/>: H0 "not slower";</item>
/// <item><see cref="ImprovementPValue"/>: H0 "not faster".</item>
/// </list>
/// </summary>
public sealed record ChangeTest(double LogChange, double StandardError, double DegreesOfFreedom, double LogWarningMargin)
{
    public double ChangePercent => (Math.Exp(LogChange) - 1) * 100;

    public double FailPValue => UpperTail((LogChange - LogWarningMargin) / StandardError);

    public double WarnPValue => UpperTail(LogChange / StandardError);

    public double ImprovementPValue => UpperTail(-LogChange / StandardError);

    /// <summary>Two-sided confidence interval of the change in percent at the given level.</summary>
    public (double Lower, double Upper) IntervalPercent(double level)
    {
        var t = Quantile(DegreesOfFreedom, 1 - ((1 - level) / 2));
        return ((Math.Exp(LogChange - (t * StandardError)) - 1) * 100, (Math.Exp(LogChange + (t * StandardError)) - 1) * 100);
    }

    /// <summary>
    /// The smallest true slowdown, in percent, that fails with the given power at per-test level
    /// <paramref name="alpha"/>: exp(margin + (t₁₋α + t_power)·se) − 1, and never below the fail threshold itself.
    /// </summary>
    public double MinimumDetectablePercent(double alpha, double power, double failPercent)
    {
        var tAlpha = Quantile(DegreesOfFreedom, 1 - alpha);
        var tPower = Quantile(DegreesOfFreedom, power);
        var mde = (Math.Exp(LogWarningMargin + ((tAlpha + tPower) * StandardError)) - 1) * 100;
        return Math.Max(mde, failPercent);
    }

    /// <summary>P(T ≥ t); a statistic that could not be computed (NaN) is no evidence at all: 1.</summary>
    private double UpperTail(double t) => double.IsNaN(t) || !(DegreesOfFreedom > 0) ? 1 : 1 - StudentT.CDF(0, 1, DegreesOfFreedom, t);

    /// <summary>
    /// The upper end of the one-sided (1 − α) interval of the change, in percent: below the fail threshold, a slowdown
    /// that large is ruled out.
    /// </summary>
    public double UpperBoundPercent(double alpha) =>
        (Math.Exp(LogChange + (Quantile(DegreesOfFreedom, 1 - alpha) * StandardError)) - 1) * 100;

    /// <summary>
    /// Student's t quantile, memoised: MathNet inverts the CDF numerically (tens of microseconds), and a suite of a
    /// thousand benchmarks asks for the same few (degrees of freedom, probability) pairs thousands of times.
    /// </summary>
    private static double Quantile(double degreesOfFreedom, double p) =>
        Quantiles.GetOrAdd((degreesOfFreedom, p), key => StudentT.InvCDF(0, 1, key.Df, key.P));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Df, double P), double> Quantiles = new();
}
