using PerfGate.Core.Scores;

namespace PerfGate.Core.Tests.Scores;

public sealed class RegressionScoreTests
{
    [Fact]
    public void A_suite_25_percent_slower_on_geometric_mean_scores_minus_25()
    {
        // 1.25 = √(1.5625): one benchmark 56.25% slower and one unchanged average to 25% slower geometrically.
        var score = RegressionScore.From([ScoredChange.Of("a", 100, 156.25)!, ScoredChange.Of("b", 100, 100)!], "the baseline")!;

        score.Percent.ShouldBe(-25, tolerance: 1e-9);
        score.TimeChangePercent.ShouldBe(25, tolerance: 1e-9);
        score.Benchmarks.ShouldBe(2);
        score.Reference.ShouldBe("the baseline");
    }

    [Fact]
    public void A_suite_20_percent_faster_scores_plus_20()
    {
        var score = RegressionScore.From([ScoredChange.Of("a", 100, 80)!, ScoredChange.Of("b", 50, 40)!], "the baseline")!;

        score.Percent.ShouldBe(20, tolerance: 1e-9);
    }

    [Fact]
    public void With_the_benchmarks_own_tests_the_interval_combines_their_standard_errors()
    {
        // Two changes of ln 1.1 each, se 0.05 with 10 df: the mean's se is √(2·0.05²)/2 = 0.0354,
        // Welch–Satterthwaite df = (2·0.0025)² / (2·0.05⁴/10) = 20; t(0.975, 20) = 2.0860.
        var log = Math.Log(1.1);
        var score = RegressionScore.From([new ScoredChange("a", log, 0.05, 10), new ScoredChange("b", log, 0.05, 10)], "the history median")!;

        var halfWidth = 2.0860 * Math.Sqrt(2 * 0.05 * 0.05) / 2;
        score.Source.ShouldBe(IntervalSource.PerBenchmark);
        score.Percent.ShouldBe(-10, tolerance: 1e-9);
        score.LowerPercent!.Value.ShouldBe(-(Math.Exp(log + halfWidth) - 1) * 100, tolerance: 1e-3);
        score.UpperPercent!.Value.ShouldBe(-(Math.Exp(log - halfWidth) - 1) * 100, tolerance: 1e-3);
        score.SurelySlower.ShouldBeTrue();
    }

    [Fact]
    public void With_values_only_the_interval_is_the_spread_across_benchmarks()
    {
        // Logs of 1.0, 1.1 and 1.21: mean ln 1.1, sd ln 1.1, se = ln 1.1/√3, t(0.975, 2) = 4.3027.
        var score = RegressionScore.From([ScoredChange.Of("a", 1, 1.0)!, ScoredChange.Of("b", 1, 1.1)!, ScoredChange.Of("c", 1, 1.21)!], "the 7-day median")!;

        var halfWidth = 4.3027 * Math.Log(1.1) / Math.Sqrt(3);
        score.Source.ShouldBe(IntervalSource.Spread);
        score.Percent.ShouldBe(-10, tolerance: 1e-9);
        score.LowerPercent!.Value.ShouldBe(-(Math.Exp(Math.Log(1.1) + halfWidth) - 1) * 100, tolerance: 1e-3);
        score.UpperPercent!.Value.ShouldBe(-(Math.Exp(Math.Log(1.1) - halfWidth) - 1) * 100, tolerance: 1e-3);
        score.SurelySlower.ShouldBeFalse(); // the interval reaches above 0: three benchmarks cannot say
    }

    [Fact]
    public void One_benchmark_without_a_test_has_a_score_but_no_interval()
    {
        var score = RegressionScore.From([ScoredChange.Of("a", 100, 110)!], "the baseline")!;

        score.Source.ShouldBe(IntervalSource.None);
        score.LowerPercent.ShouldBeNull();
        score.UpperPercent.ShouldBeNull();
    }

    [Fact]
    public void Without_any_reference_there_is_no_score()
    {
        RegressionScore.From([], "the baseline").ShouldBeNull();
        ScoredChange.Of("new", null, 100).ShouldBeNull();
        ScoredChange.Of("failed", 100, double.NaN).ShouldBeNull();
        RegressionScore.Absent.ShouldBe("no reference");
    }
}
