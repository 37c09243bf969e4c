namespace PerfGate.Core.Statistics;

/// <summary>Ordinary least squares y = a + b·x with the slope's standard error (n − 2 degrees of freedom).</summary>
public sealed record LinearTrend(double Slope, double Intercept, double RSquared, double SlopeStandardError, int N)
{
    public static LinearTrend Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 3)
        {
            throw new ArgumentException("need at least 3 points, as many x as y");
        }

        var n = x.Count;
        var mx = x.Average();
        var my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }

        if (sxx == 0)
        {
            throw new ArgumentException("x is constant");
        }

        var slope = sxy / sxx;
        var intercept = my - (slope * mx);
        var residual = Math.Max(0, syy - (slope * sxy));
        var r2 = syy == 0 ? 1 : 1 - (residual / syy);
        var se = Math.Sqrt(residual / (n - 2) / sxx);
        return new LinearTrend(slope, intercept, r2, se, n);
    }
}
