using System.Numerics;

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
/// <para>
/// Each (τ, κ) is first screened with the same Q rewritten without divisions,
/// <c>(m+k)·Q = 2Σ|x−y| − (k·2Σ|x−x'|/(m−1) + m·2Σ|y−y'|/(k−1))</c> (a table of reciprocals), and Q is evaluated as
/// written above only where the screened value, widened by far more than the two can differ by rounding, could beat the
/// best so far (or reach the threshold): the answer is bit for bit the one the formula gives everywhere, at a fraction
/// of the divisions.
/// </para>
/// </remarks>
public static class EnergyStatistic
{
    /// <summary>The largest segment whose work space is taken from the stack.</summary>
    private const int StackLimit = 128;

    /// <summary>
    /// How far, relative to the magnitude of its terms, the screened Q may be from Q as written: both are a handful of
    /// roundings (~1e-15) from the exact value; the margin is a thousand times wider.
    /// </summary>
    private const double ScreenMargin = 1e-12;

    /// <summary>The best change point of <paramref name="values"/>: τ (the first index after it) and its Q; (−1, −∞) when the segment is too short.</summary>
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide)
    {
        Span<double> scratch = values.Length <= StackLimit ? stackalloc double[ScratchLength(values.Length)] : new double[ScratchLength(values.Length)];
        return BestSplit(values, minimumSide, scratch);
    }

    /// <summary>
    /// <see cref="BestSplit(ReadOnlySpan{double}, int)"/> with the caller's work space (at least
    /// <see cref="ScratchLength"/> doubles; its contents are overwritten), so a loop over many segments allocates nothing.
    /// </summary>
    public static (int Split, double Q) BestSplit(ReadOnlySpan<double> values, int minimumSide, Span<double> scratch) =>
        Search(values, minimumSide, scratch, double.PositiveInfinity);

    /// <summary>
    /// Whether some split of <paramref name="values"/> has <c>Q ≥ <paramref name="threshold"/></c>, i.e. whether
    /// <c>BestSplit(values, minimumSide).Q ≥ threshold</c>; stops at the first such split (the permutation test's question).
    /// </summary>
    public static bool Reaches(ReadOnlySpan<double> values, int minimumSide, double threshold, Span<double> scratch) =>
        Search(values, minimumSide, scratch, threshold).Q >= threshold;

    /// <summary>How many doubles of work space <see cref="BestSplit(ReadOnlySpan{double}, int, Span{double})"/> needs for a segment of <paramref name="length"/>.</summary>
    public static int ScratchLength(int length) => (3 * length) + 1;

    /// <summary>
    /// The best split; or, with a finite <paramref name="stopAt"/>, the first split whose Q reaches it (and (−1, −∞) when
    /// none does).
    /// </summary>
    // Fully optimised from the first call: a gate process is short-lived and this loop is its hot spot.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (int Split, double Q) Search(ReadOnlySpan<double> values, int minimumSide, Span<double> scratch, double stopAt)
    {
        var n = values.Length;
        var side = Math.Max(2, minimumSide);
        if (n < 2 * side)
        {
            return (-1, double.NegativeInfinity);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, ScratchLength(n), nameof(scratch));
        var before = scratch[..n];                         // Σ_{i<k} |y_k − y_i|
        var toLeft = scratch.Slice(n, n);                  // Σ_{i<τ} |y_k − y_i|, for k ≥ τ
        var reciprocalLess = scratch.Slice(2 * n, n + 1);  // 1/(j − 1)
        before.Clear();
        toLeft.Clear();
        for (var i = 0; i < n - 1; i++)
        {
            // Column by column: each before[k] still adds its terms in the order i = 0, 1, …
            AddDistances(before, values, i + 1, values[i]);
        }

        for (var j = 2; j <= n; j++)
        {
            reciprocalLess[j] = 1.0 / (j - 1);
        }

        var reaching = !double.IsPositiveInfinity(stopAt);
        var best = (Split: -1, Q: double.NegativeInfinity);
        var bar = reaching ? stopAt : best.Q;   // what a split must be able to reach to be evaluated exactly
        double left = 0;                        // Σ|x−x'| within [0, τ)
        for (var tau = 1; tau <= n - side; tau++)
        {
            left += before[tau - 1];
            AddDistances(toLeft, values, tau, values[tau - 1]);
            if (tau < side)
            {
                continue;
            }

            double m = tau;
            var leftTerm = left / (m * (m - 1) / 2);
            var leftScreen = 2 * left * reciprocalLess[tau];
            double between = 0, right = 0;
            for (var kappa = tau; kappa < n; kappa++)
            {
                between += toLeft[kappa];
                right += before[kappa] - toLeft[kappa];
                var size = kappa - tau + 1;
                if (size < side)
                {
                    continue;
                }

                // (m+k)·Q = across − within; skipped only when even the widened value stays below the bar.
                double k = size;
                var across = 2 * between;
                var within = (k * leftScreen) + (m * 2 * right * reciprocalLess[size]);
                if ((across * (1 + ScreenMargin)) - (within * (1 - ScreenMargin)) < bar * (m + k))
                {
                    continue;
                }

                var energy = (2 * between / (m * k)) - leftTerm - (right / (k * (k - 1) / 2));
                var q = m * k / (m + k) * energy;
                if (reaching)
                {
                    if (q >= stopAt)
                    {
                        return (tau, q);
                    }
                }
                else if (q > best.Q)
                {
                    best = (tau, q);
                    bar = q;
                }
            }
        }

        return best;
    }

    /// <summary><c>sums[k] += |values[k] − y|</c> for every k from <paramref name="from"/>, several k at a time (each sum still in its own order).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddDistances(Span<double> sums, ReadOnlySpan<double> values, int from, double y)
    {
        var k = from;
        if (Vector.IsHardwareAccelerated)
        {
            var point = new Vector<double>(y);
            for (; k + Vector<double>.Count <= values.Length; k += Vector<double>.Count)
            {
                (new Vector<double>(sums[k..]) + Vector.Abs(new Vector<double>(values[k..]) - point)).CopyTo(sums[k..]);
            }
        }

        for (; k < values.Length; k++)
        {
            sums[k] += Math.Abs(values[k] - y);
        }
    }
}
