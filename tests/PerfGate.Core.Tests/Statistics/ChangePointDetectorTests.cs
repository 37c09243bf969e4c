using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Statistics;

public sealed class ChangePointDetectorTests
{
    // A jitter of about ±1% that repeats, so the literal series below read as numbers, not as a generator.
    private static readonly double[] Jitter = [0, 6, -4, 9, -8, 3, -2, 7, -6, 1, -9, 5, -3, 8, -1, 4, -7, 2, -5, 10];

    private static double[] Ns(params double[] nanoseconds) => [.. nanoseconds.Select(n => Math.Log(n))];

    private static double[] Level(double ns, int runs, int offset = 0) =>
        [.. Enumerable.Range(offset, runs).Select(i => ns + (ns / 1000 * Jitter[i % Jitter.Length]))];

    [Fact]
    public void Energy_statistic_matches_the_hand_worked_split()
    {
        // [0, 0, 1, 1] split in the middle: between = 4 pairs at distance 1 → 2·4/(2·2) = 2; within = 0; Q = 2·2/4 · 2 = 2.
        var (split, q) = EnergyStatistic.BestSplit([0, 0, 1, 1], 2);

        split.ShouldBe(2);
        q.ShouldBe(2, 1e-12);
    }

    [Fact]
    public void Hodges_Lehmann_shift_is_the_median_of_the_pairwise_differences()
    {
        // after − before for [1,2,3] × [4,5,6]: 1 2 2 3 3 3 4 4 5 → median 3.
        var (shift, lower, upper) = ChangePointDetector.HodgesLehmann([1, 2, 3], [4, 5, 6], 0.95);

        shift.ShouldBe(3);
        lower.ShouldBeLessThanOrEqualTo(shift);
        upper.ShouldBeGreaterThanOrEqualTo(shift);
    }

    [Fact]
    public void A_lasting_step_of_23_percent_is_found_at_its_run_with_an_interval()
    {
        var series = Ns([.. Level(1000, 12), .. Level(1230, 8, 12)]);

        var analysis = ChangePointDetector.Detect(series);

        var step = analysis.Steps.ShouldHaveSingleItem();
        step.Index.ShouldBe(12);
        step.Percent.ShouldBe(23, 1.5);
        step.LowerPercent.ShouldBeLessThan(step.Percent);
        step.UpperPercent.ShouldBeGreaterThan(step.Percent);
        step.LowerPercent.ShouldBeGreaterThan(15);
        step.RunsBefore.ShouldBe(12);
        step.RunsAfter.ShouldBe(8);
        step.PValue.ShouldBeLessThanOrEqualTo(ChangePointOptions.Default.SignificanceLevel);
        analysis.Spikes.ShouldBeEmpty();
    }

    [Fact]
    public void A_step_down_is_found_as_a_decrease()
    {
        var series = Ns([.. Level(1000, 10), .. Level(800, 10, 10)]);

        var step = ChangePointDetector.Detect(series).Steps.ShouldHaveSingleItem();

        step.IsIncrease.ShouldBeFalse();
        step.Percent.ShouldBe(-20, 1.5);
    }

    [Fact]
    public void A_one_run_spike_is_a_spike_not_a_step()
    {
        var runs = Level(1000, 20);
        runs[9] = 1600;

        var analysis = ChangePointDetector.Detect(Ns(runs));

        analysis.Steps.ShouldBeEmpty();
        var spike = analysis.Spikes.ShouldHaveSingleItem();
        spike.Index.ShouldBe(9);
        spike.Percent.ShouldBe(60, 2);
    }

    [Fact]
    public void A_rise_in_the_last_two_runs_is_not_yet_a_lasting_step()
    {
        var series = Ns([.. Level(1000, 18), 1300, 1310]);

        ChangePointDetector.Detect(series).Steps.ShouldBeEmpty();
    }

    [Fact]
    public void A_rise_in_the_last_three_runs_is_not_found_one_run_early()
    {
        // The search keeps four runs a side, so its best split here is 17 (one old-level run among the "new" four);
        // the step belongs at 18 and has only three runs after it: not lasting yet.
        var series = Ns([.. Level(1000, 18), 1600, 1610, 1590]);

        ChangePointDetector.Detect(series).Steps.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_rise_once_four_runs_stayed_up_is_a_step()
    {
        var series = Ns([.. Level(1000, 18), 1300, 1310, 1295, 1305]);

        ChangePointDetector.Detect(series).Steps.ShouldHaveSingleItem().Index.ShouldBe(18);
    }

    [Fact]
    public void A_slow_drift_of_one_percent_per_run_is_no_step()
    {
        // 40 runs rising 1% each (+48% in all): E-divisive splits it, but a straight line explains every split.
        var runs = Enumerable.Range(0, 40).Select(i => 1000 * Math.Pow(1.01, i) * (1 + (Jitter[i % Jitter.Length] / 1000))).ToArray();

        var analysis = ChangePointDetector.Detect(Ns(runs));

        analysis.Steps.ShouldBeEmpty();
        analysis.Drifts.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_step_on_top_of_a_drift_is_still_found()
    {
        var runs = Enumerable.Range(0, 30).Select(i => 1000 * Math.Pow(1.003, i) * (i >= 15 ? 1.2 : 1) * (1 + (Jitter[i % Jitter.Length] / 1000))).ToArray();

        var step = ChangePointDetector.Detect(Ns(runs)).Steps.ShouldHaveSingleItem();

        step.Index.ShouldBe(15);
    }

    [Fact]
    public void Two_steps_are_both_found()
    {
        var series = Ns([.. Level(1000, 10), .. Level(1200, 10, 10), .. Level(1000, 10, 20)]);

        ChangePointDetector.Detect(series).Steps.Select(s => (s.Index, Math.Round(s.Percent / 5) * 5)).ShouldBe([(10, 20.0), (20, -15.0)]);
    }

    [Fact]
    public void The_answer_is_the_same_every_time()
    {
        var random = new SplitMix64(7);
        var series = Enumerable.Range(0, 40).Select(i => Math.Log(1000) + (i >= 25 ? 0.06 : 0) + (0.03 * random.NextGaussian())).ToArray();

        var first = ChangePointDetector.Detect(series);
        var second = ChangePointDetector.Detect(series);

        second.Steps.ShouldBe(first.Steps);
        second.Spikes.ShouldBe(first.Spikes);
        second.Drifts.ShouldBe(first.Drifts);
    }

    [Fact]
    public void Too_short_or_flat_series_have_no_steps()
    {
        ChangePointDetector.Detect(Ns(1000, 2000, 1000)).Steps.ShouldBeEmpty();
        ChangePointDetector.Detect(Ns([.. Enumerable.Repeat(1000.0, 30)])).ShouldBe(ChangePointAnalysis.None with { Spikes = [] });
    }

    public static TheoryData<string, double, double> Batches => new()
    {
        // scenario name, at least this detection rate (steps), at most this false-step rate: 100 seeded series each.
        { "noise 3%, no change", double.NaN, 0.03 },
        { "noise 8%, no change", double.NaN, 0.03 },
        { "step +10%, noise 3%", 0.95, 0.03 },
        { "step +20%, noise 3%", 0.98, 0.03 },
        { "step -15%, noise 3%", 0.98, 0.03 },
        { "step +20%, noise 8%", 0.80, 0.08 },
        { "one-run spike +50%, noise 3%", double.NaN, 0.02 },
        { "drift +15% over 40 runs, noise 3%", double.NaN, 0.08 },
        { "drift +30% over 40 runs, noise 3%", double.NaN, 0.12 },
    };

    [Theory]
    [MemberData(nameof(Batches))]
    public void Seeded_random_batches_meet_their_rates(string scenario, double minimumDetection, double maximumFalseSteps)
    {
        var family = ChangePointCalibration.StandardScenarios.Single(s => s.Name == scenario);

        var figures = ChangePointCalibration.Run(family, 100, seed: 1234);

        if (!double.IsNaN(minimumDetection))
        {
            figures.DetectionRate.ShouldBeGreaterThanOrEqualTo(minimumDetection);
        }

        figures.FalseStepRate.ShouldBeLessThanOrEqualTo(maximumFalseSteps);
    }

    [Fact]
    public void Spikes_in_a_seeded_batch_are_found_as_spikes()
    {
        var family = ChangePointCalibration.StandardScenarios.Single(s => s.Shape == SyntheticShape.Spike);
        var random = new SplitMix64(99);
        var found = 0;
        for (var i = 0; i < 50; i++)
        {
            var (values, _) = family.Draw(random);
            found += ChangePointDetector.Detect(values).Spikes.Any(s => s.Percent > 40) ? 1 : 0;
        }

        found.ShouldBeGreaterThanOrEqualTo(48);
    }
}
