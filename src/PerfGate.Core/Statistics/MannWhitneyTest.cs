using MathNet.Numerics.Distributions;

namespace PerfGate.Core.Statistics;

/// <summary>
/// The two-sample Wilcoxon rank-sum (Mann–Whitney U) test with the normal approximation, the tie correction and the
/// continuity correction, as R's <c>wilcox.test(x, y, exact = FALSE, correct = TRUE)</c> computes it:
/// U = R₁ − n₁(n₁+1)/2, σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))), z = (U − n₁n₂/2 − ½·sign) / σ.
/// </summary>
public static class MannWhitneyTest
{
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative)
    {
        var n1 = x.Count;
        var n2 = y.Count;
        if (n1 < 2 || n2 < 2)
        {
            return new MannWhitneyResult(double.NaN, 1, 0, Inconclusive: true);
        }

        var all = x.Select(v => (Value: v, FromX: true)).Concat(y.Select(v => (Value: v, FromX: false))).OrderBy(p => p.Value).ToArray();
        var n = all.Length;
        double rankSumX = 0;
        double tieTerm = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (all[k].FromX)
                {
                    rankSumX += rank;
                }
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var u = rankSumX - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * (double)n2 / 2;
        var sigma = Math.Sqrt(n1 * (double)n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1.0)))));
        if (sigma == 0)
        {
            return new MannWhitneyResult(u, 1, 0, Inconclusive: true);
        }

        var diff = u - mean;
        var correction = alternative switch
        {
            Alternative.Greater => 0.5,
            Alternative.Less => -0.5,
            _ => 0.5 * Math.Sign(diff),
        };
        var z = (diff - correction) / sigma;
        var p = alternative switch
        {
            Alternative.Greater => 1 - Normal.CDF(0, 1, z),
            Alternative.Less => Normal.CDF(0, 1, z),
            _ => Math.Min(1, 2 * Math.Min(Normal.CDF(0, 1, z), 1 - Normal.CDF(0, 1, z))),
        };
        return new MannWhitneyResult(u, p, z, Inconclusive: false);
    }
}
