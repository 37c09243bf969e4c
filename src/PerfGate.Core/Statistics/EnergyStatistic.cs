namespace PerfGate.Core.Statistics;

/// <summary>
/// The E-divisive split statistic (Matteson &amp; James 2014, exponent 1, as Apache Otava uses it) of one segment:
/// for a split into X = y[0..τ) and Y = y[τ..n), <c>Q(τ) = m·k/(m+k) · (2/(m·k)·Σ|x−y| − 1/C(m,2)·Σ|x−x'| − 1/C(k,2)·Σ|y−y'|)</c>,
/// the scaled energy distance between the two sides. Each side keeps at least <c>minimumSide</c> points.
/// All splits are scanned in O(n²) by moving one point at a time from the right side to the left. Pure.
/// </summary>
public static class EnergyStatistic
{
    /// <summary>The best split of <paramref name="values"/>: τ (the first index of the right side) and its Q; (−1, −∞) when the segment is too short.</summary>
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide)
    {
        var n = values.Length;
        var side = Math.Max(2, minimumSide);
        if (n < 2 * side)
        {
            return (-1, double.NegativeInfinity);
        }

        // Left = [0, τ), right = [τ, n); start with τ = 0: everything on the right.
        double within = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                within += Math.Abs(values[i] - values[j]);
            }
        }

        double left = 0, right = within, between = 0;
        var best = (Split: -1, Q: double.NegativeInfinity);
        for (var tau = 1; tau <= n - side; tau++)
        {
            // Move values[tau − 1] from the right side to the left.
            var moved = values[tau - 1];
            double toLeft = 0, toRight = 0;
            for (var i = 0; i < tau - 1; i++)
            {
                toLeft += Math.Abs(moved - values[i]);
            }

            for (var j = tau; j < n; j++)
            {
                toRight += Math.Abs(moved - values[j]);
            }

            left += toLeft;
            right -= toRight;
            between += toRight - toLeft;
            if (tau < side)
            {
                continue;
            }

            double m = tau, k = n - tau;
            var energy = (2 * between / (m * k)) - (left / (m * (m - 1) / 2)) - (right / (k * (k - 1) / 2));
            var q = m * k / (m + k) * energy;
            if (q > best.Q)
            {
                best = (tau, q);
            }
        }

        return best;
    }
}
