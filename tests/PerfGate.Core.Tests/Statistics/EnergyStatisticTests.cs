using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Statistics;

/// <summary>
/// <see cref="EnergyStatistic.BestSplit(ReadOnlySpan{double}, int)"/> (O(n²), running sums) against the statistic as
/// defined: every pair sum recomputed for every (τ, κ) (O(n⁴)), and the O(n³) search it replaced.
/// </summary>
public sealed class EnergyStatisticTests
{
    [Fact]
    public void Random_series_have_the_split_and_Q_of_the_definition()
    {
        var random = new SplitMix64(20261203);
        for (var c = 0; c < 300; c++)
        {
            var n = 4 + random.NextInt(45);
            var side = 2 + random.NextInt(5);
            var values = Series(random, n, scale: Math.Exp(random.NextGaussian() * 3));

            var (split, q) = EnergyStatistic.BestSplit(values, side);

            var (expectedSplit, expectedQ) = ByDefinition(values, side);
            split.ShouldBe(expectedSplit, $"case {c}: n = {n}, side = {side}");
            if (expectedSplit < 0)
            {
                q.ShouldBe(double.NegativeInfinity);
                continue;
            }

            RelativeDifference(q, expectedQ).ShouldBeLessThan(1e-9, $"case {c}: n = {n}, side = {side}, Q = {q} vs {expectedQ}");
        }
    }

    [Fact]
    public void Integer_series_with_ties_have_exactly_the_definitions_split_and_Q()
    {
        // Small whole numbers: every sum is exact in either order, so Q is bit for bit the same and ties break alike (first τ).
        var random = new SplitMix64(77);
        var splits = new HashSet<int>();
        for (var c = 0; c < 200; c++)
        {
            var n = 4 + random.NextInt(33);
            var side = 2 + random.NextInt(3);
            var values = Enumerable.Range(0, n).Select(_ => (double)random.NextInt(4)).ToArray();

            var found = EnergyStatistic.BestSplit(values, side);

            found.ShouldBe(ByDefinition(values, side), $"case {c}: [{string.Join(", ", values)}], side {side}");
            splits.Add(found.Split);
        }

        splits.Count.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void A_segment_longer_than_the_stack_limit_matches_the_cubic_search()
    {
        var random = new SplitMix64(5);
        var values = Series(random, 300, scale: 0.03);
        for (var i = 180; i < 300; i++)
        {
            values[i] += 0.02;
        }

        var (split, q) = EnergyStatistic.BestSplit(values, 4);

        var (expectedSplit, expectedQ) = CubicSearch(values, 4);
        split.ShouldBe(expectedSplit);
        RelativeDifference(q, expectedQ).ShouldBeLessThan(1e-9);
    }

    [Fact]
    public void Work_space_left_dirty_by_an_earlier_call_does_not_change_the_answer()
    {
        var random = new SplitMix64(11);
        var values = Series(random, 40, scale: 1);
        var scratch = new double[EnergyStatistic.ScratchLength(40)];
        Array.Fill(scratch, 1e6);

        var reused = EnergyStatistic.BestSplit(values, 4, scratch);

        reused.ShouldBe(EnergyStatistic.BestSplit(values, 4));
        RelativeDifference(reused.Q, ByDefinition(values, 4).Q).ShouldBeLessThan(1e-9);
    }

    [Fact]
    public void Reaches_answers_whether_the_best_split_reaches_the_threshold()
    {
        var random = new SplitMix64(3);
        var scratch = new double[EnergyStatistic.ScratchLength(60)];
        var answers = new List<bool>();
        for (var c = 0; c < 100; c++)
        {
            var values = Series(random, 8 + random.NextInt(53), scale: 0.05);
            var best = EnergyStatistic.BestSplit(values, 4).Q;
            double[] thresholds = [best, Math.BitDecrement(best), Math.BitIncrement(best), best * 0.5, best * 1.5, best - 1, best + 1];

            foreach (var threshold in thresholds)
            {
                var reaches = EnergyStatistic.Reaches(values, 4, threshold, scratch);

                reaches.ShouldBe(best >= threshold, $"case {c}: best Q {best:R}, threshold {threshold:R}");
                answers.Add(reaches);
            }
        }

        answers.ShouldContain(true);
        answers.ShouldContain(false);
    }

    [Fact]
    public void Work_space_too_small_is_refused()
    {
        var values = new double[10];

        Should.Throw<ArgumentOutOfRangeException>(() => EnergyStatistic.BestSplit(values, 2, new double[EnergyStatistic.ScratchLength(10) - 1]));
    }

    [Fact]
    public void A_segment_shorter_than_two_sides_has_no_split()
    {
        EnergyStatistic.BestSplit([1, 2, 3, 4, 5, 6, 7], 4).ShouldBe((-1, double.NegativeInfinity));
    }

    /// <summary>Gaussian noise with a level change at a random place in about half the series.</summary>
    private static double[] Series(SplitMix64 random, int n, double scale)
    {
        var at = random.NextInt(n);
        var jump = random.NextInt(2) == 0 ? 0 : random.NextGaussian() * 2;
        return [.. Enumerable.Range(0, n).Select(i => scale * (random.NextGaussian() + (i >= at ? jump : 0)))];
    }

    private static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300);

    /// <summary>The statistic as written in the class's summary, every sum recomputed for every (τ, κ); first τ wins a tie.</summary>
    private static (int Split, double Q) ByDefinition(double[] y, int minimumSide)
    {
        var n = y.Length;
        var side = Math.Max(2, minimumSide);
        var best = (Split: -1, Q: double.NegativeInfinity);
        if (n < 2 * side)
        {
            return best;
        }

        for (var tau = side; tau <= n - side; tau++)
        {
            for (var end = tau + side; end <= n; end++)
            {
                double between = 0, left = 0, right = 0;
                for (var i = 0; i < tau; i++)
                {
                    for (var j = tau; j < end; j++)
                    {
                        between += Math.Abs(y[i] - y[j]);
                    }

                    for (var i2 = i + 1; i2 < tau; i2++)
                    {
                        left += Math.Abs(y[i] - y[i2]);
                    }
                }

                for (var j = tau; j < end; j++)
                {
                    for (var j2 = j + 1; j2 < end; j2++)
                    {
                        right += Math.Abs(y[j] - y[j2]);
                    }
                }

                double m = tau, k = end - tau;
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

    /// <summary>The O(n³) search BestSplit used before: Y extended one point at a time, each new point's distances summed afresh.</summary>
    private static (int Split, double Q) CubicSearch(double[] values, int minimumSide)
    {
        var n = values.Length;
        var side = Math.Max(2, minimumSide);
        var best = (Split: -1, Q: double.NegativeInfinity);
        double left = 0;
        for (var tau = 1; tau <= n - side; tau++)
        {
            for (var i = 0; i < tau - 1; i++)
            {
                left += Math.Abs(values[tau - 1] - values[i]);
            }

            if (tau < side)
            {
                continue;
            }

            double between = 0, right = 0;
            for (var kappa = tau; kappa < n; kappa++)
            {
                for (var i = 0; i < tau; i++)
                {
                    between += Math.Abs(values[kappa] - values[i]);
                }

                for (var j = tau; j < kappa; j++)
                {
                    right += Math.Abs(values[kappa] - values[j]);
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
