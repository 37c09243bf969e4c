using System.Collections.Immutable;
using MathNet.Numerics.Distributions;

namespace PerfGate.Core.Statistics;

/// <summary>
/// Change points in one benchmark's main-branch series (the log of its per-run medians, oldest first), by E-divisive
/// means as Apache Otava uses it (Matteson &amp; James 2014): the split with the largest energy statistic
/// (<see cref="EnergyStatistic"/>) is kept when a permutation test finds it significant (seeded shuffles within the
/// segment, p = (shuffles splitting as well + 1)/(permutations + 1)); the segments are split again until a split is
/// not significant. Each change point is then judged as a step:
/// <list type="bullet">
/// <item>its size is the Hodges–Lehmann shift between the runs before it and after it (back to and up to the
/// neighbouring change points), with the distribution-free 95% interval;</item>
/// <item>it is a <em>step</em> only when, with a straight-line drift allowed for (least squares of the whole series on
/// <c>a + b·i + Σ c_k·[i ≥ τ_k]</c>, backward elimination), its jump is still significant at the same level and at
/// least the minimum step; otherwise it is a slow drift and is not reported (<see cref="ChangePointAnalysis.Drifts"/>
/// counts them);</item>
/// <item>at least <see cref="ChangePointOptions.MinimumRunsAfter"/> runs must sit on each side, so a one-run spike
/// is never a step; single runs far off their level are listed as <see cref="Spike"/>s instead;</item>
/// <item>shifts under <see cref="ChangePointOptions.MinimumStepPercent"/> are not reported.</item>
/// </list>
/// Pure and deterministic: no clock, no I/O, a fixed seed.
/// </summary>
public static class ChangePointDetector
{
    public static ChangePointAnalysis Detect(IReadOnlyList<double> logValues, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(logValues);
        options ??= ChangePointOptions.Default;
        var y = logValues.ToArray();
        var side = Math.Max(2, options.MinimumRunsAfter);
        if (y.Length < 2 * side || !Array.TrueForAll(y, double.IsFinite))
        {
            return ChangePointAnalysis.None;
        }

        var cuts = Segment(y, side, options);
        var refined = Refine(y, [.. cuts], side);
        var minimumLogJump = Math.Log(1 + (options.MinimumStepPercent / 100));
        var steps = JumpsBeyondDrift(y, [.. refined.Keys], options.SignificanceLevel, minimumLogJump);
        var bounds = steps.Prepend(0).Append(y.Length).ToArray();
        var found = ImmutableArray.CreateBuilder<ChangePoint>();
        for (var i = 1; i < bounds.Length - 1; i++)
        {
            var (from, at, to) = (bounds[i - 1], bounds[i], bounds[i + 1]);
            var (shift, lower, upper) = HodgesLehmann(y.AsSpan(from, at - from), y.AsSpan(at, to - at), 0.95);
            if (Math.Abs(Percent(shift)) < options.MinimumStepPercent)
            {
                continue;
            }

            found.Add(new ChangePoint(at, Percent(shift), Percent(lower), Percent(upper), cuts.PValue(refined[at]), at - from, to - at));
        }

        var drifts = cuts.Count() - steps.Length;
        return new ChangePointAnalysis(found.ToImmutable(), Spikes(y, [.. found.Select(s => s.Index)], options), drifts);
    }

    /// <summary>(e^x − 1) × 100.</summary>
    public static double Percent(double logShift) => (Math.Exp(logShift) - 1) * 100;

    /// <summary>The significant change points, by binary segmentation: the best split of all segments is tested first.</summary>
    private static Cuts Segment(double[] y, int side, ChangePointOptions options)
    {
        var cuts = new Cuts();
        var segments = new List<(int From, int To, int Split, double Q)>();
        void Add(int from, int to)
        {
            var (split, q) = EnergyStatistic.BestSplit(y.AsSpan(from, to - from), side);
            if (split > 0)
            {
                segments.Add((from, to, split, q));
            }
        }

        Add(0, y.Length);
        while (segments.Count > 0)
        {
            var best = segments.MaxBy(s => s.Q);
            var p = PermutationP(y.AsSpan(best.From, best.To - best.From), best.Q, side, options, (ulong)best.From * 1_000_003UL + (ulong)best.To);
            if (p > options.SignificanceLevel)
            {
                break;
            }

            segments.Remove(best);
            var at = best.From + best.Split;
            cuts.Add(at, p);
            Add(best.From, at);
            Add(at, best.To);
        }

        return cuts;
    }

    /// <summary>
    /// Places each change point where it fits best between its neighbours (least absolute deviations from each side's
    /// median, at least two runs a side), then keeps it only when at least <paramref name="side"/> runs follow it: the
    /// E-divisive search keeps whole sides of that size, so a rise in the last three runs would otherwise be found one
    /// run early, with an old-level run counted at the new level. Maps each kept position to the cut it came from.
    /// </summary>
    private static SortedDictionary<int, int> Refine(double[] y, int[] cuts, int side)
    {
        var kept = new SortedDictionary<int, int>();
        for (var i = 0; i < cuts.Length; i++)
        {
            var from = i == 0 ? 0 : cuts[i - 1];
            var to = i == cuts.Length - 1 ? y.Length : cuts[i + 1];
            var best = cuts[i];
            var bestCost = double.PositiveInfinity;
            for (var at = from + 2; at <= to - 2; at++)
            {
                var cost = AbsoluteDeviation(y.AsSpan(from, at - from)) + AbsoluteDeviation(y.AsSpan(at, to - at));
                if (cost < bestCost)
                {
                    (best, bestCost) = (at, cost);
                }
            }

            if (to - best >= side && best - from >= 2)
            {
                kept.TryAdd(best, cuts[i]);
            }
        }

        return kept;
    }

    private static double AbsoluteDeviation(ReadOnlySpan<double> values)
    {
        var median = Quantiles.Median(values.ToArray());
        double sum = 0;
        foreach (var v in values)
        {
            sum += Math.Abs(v - median);
        }

        return sum;
    }

    /// <summary>
    /// p of the observed Q among the best splits of shuffled copies of the segment. Stops as soon as the split can no
    /// longer be significant (the answer is then above the level, which is all the caller asks).
    /// </summary>
    private static double PermutationP(ReadOnlySpan<double> segment, double observed, int side, ChangePointOptions options, ulong salt)
    {
        var random = new SplitMix64(options.Seed ^ salt);
        var copy = segment.ToArray();
        var scratch = new double[EnergyStatistic.ScratchLength(copy.Length)];
        var allowed = (int)Math.Floor(options.SignificanceLevel * (options.Permutations + 1)) - 1;
        var atLeast = 0;
        for (var r = 1; r <= options.Permutations; r++)
        {
            random.Shuffle(copy);
            if (EnergyStatistic.Reaches(copy, side, observed, scratch))
            {
                atLeast++;
                if (atLeast > allowed)
                {
                    return (atLeast + 1.0) / (r + 1);
                }
            }
        }

        return (atLeast + 1.0) / (options.Permutations + 1);
    }

    /// <summary>
    /// Backward elimination over the whole series: least squares of <c>y = a + b·i + Σ c_k·[i ≥ τ_k]</c> (one straight
    /// line plus a jump at each change point τ_k); the change point whose jump is least significant (t, n − 2 − K
    /// degrees of freedom) is dropped and the rest refitted until every jump is significant at <paramref name="level"/>
    /// and at least <paramref name="minimumLogJump"/>. A slow drift is absorbed by the line (its jumps ≈ 0, however far it
    /// has moved); a step keeps its jump.
    /// </summary>
    internal static int[] JumpsBeyondDrift(double[] y, IReadOnlyList<int> cuts, double level, double minimumLogJump)
    {
        var kept = cuts.ToList();
        while (kept.Count > 0)
        {
            var fit = FitLinePlusJumps(y, kept);
            if (fit is null)
            {
                kept.RemoveAt(kept.Count - 1);
                continue;
            }

            var worst = Enumerable.Range(0, kept.Count)
                .Select(k => (k, Score: Math.Abs(fit.Value.Jumps[k]) < minimumLogJump ? double.PositiveInfinity : fit.Value.PValues[k]))
                .MaxBy(x => x.Score);
            if (worst.Score <= level)
            {
                break;
            }

            kept.RemoveAt(worst.k);
        }

        return [.. kept];
    }

    private static (double[] Jumps, double[] PValues)? FitLinePlusJumps(double[] y, List<int> cuts)
    {
        var n = y.Length;
        var p = 2 + cuts.Count;
        if (n <= p)
        {
            return null;
        }

        double Column(int c, int i) => c switch { 0 => 1, 1 => i, _ => i >= cuts[c - 2] ? 1 : 0 };
        var xtx = new double[p, p];
        var xty = new double[p];
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < p; r++)
            {
                var xr = Column(r, i);
                xty[r] += xr * y[i];
                for (var c = 0; c < p; c++)
                {
                    xtx[r, c] += xr * Column(c, i);
                }
            }
        }

        var inverse = Invert(xtx);
        if (inverse is null)
        {
            return null;
        }

        var beta = new double[p];
        for (var r = 0; r < p; r++)
        {
            for (var c = 0; c < p; c++)
            {
                beta[r] += inverse[r, c] * xty[c];
            }
        }

        double residual = 0;
        for (var i = 0; i < n; i++)
        {
            var fitted = 0.0;
            for (var c = 0; c < p; c++)
            {
                fitted += beta[c] * Column(c, i);
            }

            residual += (y[i] - fitted) * (y[i] - fitted);
        }

        var df = n - p;
        var variance = residual / df;
        var jumps = new double[cuts.Count];
        var pValues = new double[cuts.Count];
        for (var k = 0; k < cuts.Count; k++)
        {
            jumps[k] = beta[k + 2];
            var se = Math.Sqrt(variance * inverse[k + 2, k + 2]);
            pValues[k] = se > 0 ? 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(jumps[k]) / se)) : (jumps[k] == 0 ? 1 : 0);
        }

        return (jumps, pValues);
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting; null when singular.</summary>
    private static double[,]? Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inv = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inv[i, i] = 1;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var c = 0; c < n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (inv[col, c], inv[pivot, c]) = (inv[pivot, c], inv[col, c]);
            }

            var d = a[col, col];
            for (var c = 0; c < n; c++)
            {
                a[col, c] /= d;
                inv[col, c] /= d;
            }

            for (var r = 0; r < n; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }

                var f = a[r, col];
                for (var c = 0; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                    inv[r, c] -= f * inv[col, c];
                }
            }
        }

        return inv;
    }

    /// <summary>The median of all after − before differences and its distribution-free interval (normal approximation of the Mann–Whitney critical value).</summary>
    internal static (double Shift, double Lower, double Upper) HodgesLehmann(ReadOnlySpan<double> before, ReadOnlySpan<double> after, double confidence)
    {
        var differences = new double[before.Length * after.Length];
        var k = 0;
        foreach (var b in before)
        {
            foreach (var a in after)
            {
                differences[k++] = a - b;
            }
        }

        Array.Sort(differences);
        double m = before.Length, n = after.Length;
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        var rank = (int)Math.Floor((m * n / 2) - (z * Math.Sqrt(m * n * (m + n + 1) / 12)));
        rank = Math.Clamp(rank, 0, differences.Length - 1);
        return (Quantiles.Median(differences), differences[rank], differences[differences.Length - 1 - rank]);
    }

    /// <summary>Single runs farther than the cutoff (robust standard deviations of the residuals from each level's median) and the minimum step from their level.</summary>
    private static ImmutableArray<Spike> Spikes(double[] y, int[] stepStarts, ChangePointOptions options)
    {
        var bounds = stepStarts.Prepend(0).Append(y.Length).ToArray();
        var residuals = new double[y.Length];
        for (var s = 0; s < bounds.Length - 1; s++)
        {
            var level = Quantiles.Median(y[bounds[s]..bounds[s + 1]]);
            for (var i = bounds[s]; i < bounds[s + 1]; i++)
            {
                residuals[i] = y[i] - level;
            }
        }

        var distances = new double[residuals.Length];
        for (var i = 0; i < residuals.Length; i++)
        {
            distances[i] = Math.Abs(residuals[i]);
        }

        var sigma = 1.4826 * Quantiles.Median(distances);
        var spikes = ImmutableArray.CreateBuilder<Spike>();
        for (var i = 0; i < y.Length; i++)
        {
            var percent = Percent(residuals[i]);
            if (Math.Abs(residuals[i]) > options.SpikeCutoff * sigma && Math.Abs(percent) >= options.MinimumStepPercent)
            {
                spikes.Add(new Spike(i, percent));
            }
        }

        return spikes.ToImmutable();
    }

    /// <summary>The change points found so far with their p-values.</summary>
    private sealed class Cuts : IEnumerable<int>
    {
        private readonly SortedDictionary<int, double> _p = [];

        public void Add(int at, double p) => _p[at] = p;

        public double PValue(int at) => _p[at];

        public IEnumerator<int> GetEnumerator() => _p.Keys.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
