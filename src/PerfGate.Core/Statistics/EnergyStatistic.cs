namespace PerfGate.Core.Statistics;

/// <summary>
/// The E-divisive split statistic (Matteson &amp; James 2014, exponent 1, as Apache Otava uses it) of one segment:
/// for X = y[0..τ) and Y = y[τ..κ), <c>Q(τ, κ) = m·k/(m+k) · (2/(m·k)·Σ|x−y| − 1/C(m,2)·Σ|x−x'| − 1/C(k,2)·Σ|y−y'|)</c>,
/// the scaled energy distance between the two sides. Maximised over τ and κ (κ up to the segment's end), so a level
/// that goes up and comes back down (a plateau) is found as readily as a single step. Each side keeps at least
/// <c>minimumSide</c> points. Pure.
/// </summary>
/// <remarks>
/// O(n²) time and O(n) memory, from two running sums of distances: <c>before[k] = Σ_{i&lt;k} |y_k − y_i|</c> (fixed) and
/// <c>toLeft[k] = Σ_{i&lt;τ} |y_k − y_i|</c> (grown by one term per k as τ moves right). Then, extending Y one point κ at a
/// time, Σ|x−y| grows by <c>toLeft[κ]</c> and Σ|y−y'| by <c>before[κ] − toLeft[κ]</c>, and Σ|x−x'| is the sum of
/// <c>before</c> up to τ: each (τ, κ) costs O(1). The sums are the same as the direct definition's, in another order,
/// so Q agrees with it up to rounding (exactly when the values are small integers).
/// </remarks>
public static class EnergyStatistic
{
    /// <summary>The largest segment whose two work arrays are taken from the stack.</summary>
    private const int StackLimit = 256;

    /// <summary>The best change point of <paramref name="values"/>: τ (the first index after it) and its Q; (−1, −∞) when the segment is too short.</summary>
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide)
    {
        Span<double> scratch = values.Length <= StackLimit ? stackalloc double[2 * values.Length] : new double[2 * values.Length];
        return BestSplit(values, minimumSide, scratch);
    }

    /// <summary>
    /// <see cref="BestSplit(ReadOnlySpan{double}, int)"/> with the caller's work space (at least
    /// <see cref="ScratchLength"/> doubles; its contents are overwritten), so a loop over many segments allocates nothing.
    /// </summary>
    // Fully optimised from the first call: a gate process is short-lived and this loop is its hot spot.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide, Span<double> scratch)
    {
        var n = values.Length;
        var side = Math.Max(2, minimumSide);
        if (n < 2 * side)
        {
            return (-1, double.NegativeInfinity);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, ScratchLength(n), nameof(scratch));
        var before = scratch[..n];           // Σ_{i<k} |y_k − y_i|
        var toLeft = scratch.Slice(n, n);    // Σ_{i<τ} |y_k − y_i|, for k ≥ τ
        for (var k = 0; k < n; k++)
        {
            var y = values[k];
            double sum = 0;
            for (var i = 0; i < k; i++)
            {
                sum += Math.Abs(y - values[i]);
            }

            before[k] = sum;
            toLeft[k] = 0;
        }

        var best = (Split: -1, Q: double.NegativeInfinity);
        double left = 0;   // Σ|x−x'| within [0, τ)
        for (var tau = 1; tau <= n - side; tau++)
        {
            var moved = values[tau - 1];
            left += before[tau - 1];
            for (var k = tau; k < n; k++)
            {
                toLeft[k] += Math.Abs(values[k] - moved);
            }

            if (tau < side)
            {
                continue;
            }

            double between = 0, right = 0;
            for (var kappa = tau; kappa < n; kappa++)
            {
                between += toLeft[kappa];
                right += before[kappa] - toLeft[kappa];

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

    /// <summary>How many doubles of work space <see cref="BestSplit(ReadOnlySpan{double}, int, Span{double})"/> needs for a segment of <paramref name="length"/>.</summary>
    public static int ScratchLength(int length) => 2 * length;
}
