using MathNet.Numerics.Distributions;

namespace PerfGate.Core.Scores;

/// <summary>
/// The seeds' Regression Score (design §1.3: "% deviation from baseline, negative = regression"): the suite's
/// geometric-mean time change against the reference with its sign turned so that <b>negative means slower</b> —
/// <c>−(exp(mean ln(current/reference)) − 1)·100</c>. A suite 25% slower on geometric mean scores −25; 20% faster
/// scores +20. With no benchmark compared against a reference there is no score (<see cref="From"/> returns null).
/// <para>
/// The 95% interval comes from <see cref="IntervalSource"/>: when every change carries its test's standard error, the
/// standard error of the mean of the logs is <c>√(Σ seᵢ²)/n</c> with Welch–Satterthwaite degrees of freedom
/// (<c>(Σ seᵢ²)² / Σ (seᵢ⁴/dfᵢ)</c>) — the measurement uncertainty of this suite's mean, benchmarks taken as
/// independent; otherwise (values only, as in the history) it is the spread of the log changes across benchmarks,
/// <c>sd/√n</c> with <c>n − 1</c> degrees of freedom, which needs two benchmarks. Neither includes a shift of the
/// whole runner: that moves every benchmark at once and is reported on its own (the runner-shift note).
/// </para>
/// </summary>
public sealed record RegressionScore
{
    /// <summary>The level of <see cref="LowerPercent"/>–<see cref="UpperPercent"/>.</summary>
    public const double Level = 0.95;

    /// <summary>What every output says when there is no score.</summary>
    public const string Absent = "no reference";

    private RegressionScore(double percent, double? lower, double? upper, int benchmarks, string reference, IntervalSource source)
    {
        Percent = percent;
        LowerPercent = lower;
        UpperPercent = upper;
        Benchmarks = benchmarks;
        Reference = reference;
        Source = source;
    }

    /// <summary>Negative = slower.</summary>
    public double Percent { get; }

    /// <summary>The 95% interval's lower end (the slower side), null when it could not be estimated.</summary>
    public double? LowerPercent { get; }

    public double? UpperPercent { get; }

    /// <summary>How many benchmarks the mean is over.</summary>
    public int Benchmarks { get; }

    /// <summary>What the changes were measured against, for people: "the history median", "the baseline", "the 7-day median of main".</summary>
    public string Reference { get; }

    public IntervalSource Source { get; }

    /// <summary>The geometric-mean time change (positive = slower), the figure the score turns round.</summary>
    public double TimeChangePercent => -Percent;

    /// <summary>True when the interval lies wholly below 0: the suite is slower beyond its uncertainty.</summary>
    public bool SurelySlower => UpperPercent < 0;

    /// <summary>True when the interval lies wholly above 0: the suite is faster beyond its uncertainty.</summary>
    public bool SurelyFaster => LowerPercent > 0;

    public static RegressionScore? From(IReadOnlyCollection<ScoredChange> changes, string reference)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var usable = changes.Where(c => double.IsFinite(c.LogChange)).ToList();
        var n = usable.Count;
        if (n == 0)
        {
            return null;
        }

        var mean = usable.Average(c => c.LogChange);
        double? se = null;
        double? df = null;
        var source = IntervalSource.None;
        if (usable.All(c => c.StandardError is > 0 && double.IsFinite(c.StandardError.Value) && c.DegreesOfFreedom is > 0))
        {
            var sumVariance = usable.Sum(c => c.StandardError!.Value * c.StandardError.Value);
            se = Math.Sqrt(sumVariance) / n;
            df = sumVariance * sumVariance / usable.Sum(c => Math.Pow(c.StandardError!.Value, 4) / c.DegreesOfFreedom!.Value);
            source = IntervalSource.PerBenchmark;
        }
        else if (n >= 2)
        {
            var variance = usable.Sum(c => (c.LogChange - mean) * (c.LogChange - mean)) / (n - 1);
            se = Math.Sqrt(variance / n);
            df = n - 1;
            source = IntervalSource.Spread;
        }

        double? lower = null;
        double? upper = null;
        if (se is { } s && df is { } d && double.IsFinite(s))
        {
            var t = StudentT.InvCDF(0, 1, d, 1 - ((1 - Level) / 2));
            lower = Score(mean + (t * s));
            upper = Score(mean - (t * s));
        }

        return new RegressionScore(Score(mean), lower, upper, n, reference, source);
    }

    private static double Score(double meanLogChange) => -(Math.Exp(meanLogChange) - 1) * 100;
}

/// <summary>Where a <see cref="RegressionScore"/>'s interval comes from.</summary>
public enum IntervalSource
{
    /// <summary>No interval: one benchmark without a test.</summary>
    None,

    /// <summary>The benchmarks' own tests (their standard errors), combined.</summary>
    PerBenchmark,

    /// <summary>The spread of the changes across benchmarks.</summary>
    Spread,
}
