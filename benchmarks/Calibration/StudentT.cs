namespace PerfGate.Benchmarks.Calibration;

/// <summary>Student's t distribution, only as far as the calibration's simple t-test needs it (a one-sided quantile).</summary>
internal static class StudentT
{
    /// <summary>The <paramref name="probability"/> quantile of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom (probability ≥ 0.5).</summary>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability is >= 0.5 and < 1) || !(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "probability in [0.5, 1) and degrees of freedom > 0");
        }

        // bisection on the CDF: monotone, and 200 halvings of [0, 1e6] are far below double precision
        double lo = 0, hi = 1e6;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, hi); i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid, degreesOfFreedom) < probability)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>P(T ≤ t) for t ≥ 0.</summary>
    public static double Cdf(double t, double df)
    {
        var x = df / (df + (t * t));
        var tail = 0.5 * RegularizedIncompleteBeta(df / 2, 0.5, x);
        return t >= 0 ? 1 - tail : tail;
    }

    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var lnFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x));
        var front = Math.Exp(lnFront);
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    // Lentz's method for the incomplete beta continued fraction (Numerical Recipes, betacf).
    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - (qab * x / qap);
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < 1e-15)
            {
                break;
            }
        }

        return h;
    }

    // Lanczos approximation (g = 7, n = 9).
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = g[0];
        for (var i = 1; i < g.Length; i++)
        {
            sum += g[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
