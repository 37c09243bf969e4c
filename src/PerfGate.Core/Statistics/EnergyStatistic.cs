namespace PerfGate.Core.Statistics;

/// <summary>
/// The E-divisive split statistic (Matteson &amp; James 2014, exponent 1, as Apache Otava uses it) of one segment:
/// for X = y[0..τ) and Y = y[τ..κ), <c>Q(τ, κ) = m·k/(m+k) · (2/(m·k)·Σ|x−y| − 1/C(m,2)·Σ|x−x'| − 1/C(k,2)·Σ|y−y'|)</c>,
/// the scaled energy distance between the two sides. Maximised over τ and κ (κ up to the segment's end), so a level
/// that goes up and comes back down (a plateau) is found as readily as a single step. Each side keeps at least
/// <c>minimumSide</c> points. O(n³) by extending Y one point at a time. Pure.
/// </summary>
public static class EnergyStatistic
{
    /// <summary>The best change point of <paramref name="values"/>: τ (the first index after it) and its Q; (−1, −∞) when the segment is too short.</summary>
    // Fully optimised from the first call: a gate process is short-lived and this loop is its hot spot.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide)
    {
        var n = values.Length;
        var side = Math.Max(2, minimumSide);
        if (n < 2 * side)
        {
            return (-1, double.NegativeInfinity);
        }

        var best = (Split: -1, Q: double.NegativeInfinity);
        double left = 0;   // Σ|x−x'| within [0, τ)
        for (var tau = 1; tau <= n - side; tau++)
        {
            var moved = values[tau - 1];
            for (var i = 0; i < tau - 1; i++)
            {
                left += Math.Abs(moved - values[i]);
            }

            if (tau < side)
            {
                continue;
            }

            double between = 0, right = 0;
            for (var kappa = tau; kappa < n; kappa++)
            {
                var added = values[kappa];
                for (var i = 0; i < tau; i++)
                {
                    between += Math.Abs(added - values[i]);
                }

                for (var j = tau; j < kappa; j++)
                {
                    right += Math.Abs(added - values[j]);
                }

                double m = tau, k = kappa - tau + 1;
                if (k < side)
                {
                    continue;
                }

                var energy = (2 * between / (m * k)) - (left / (m * (m - 1) / 2)) - (right / (k * (k - 1) / 2));
                var q = m * k / (m + k) * energy;
                if (q > best.Q)
                {
                    best = (tau, q);
                }
            }
        }

        return best;
    }
}
