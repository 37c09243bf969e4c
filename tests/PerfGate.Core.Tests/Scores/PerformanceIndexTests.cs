using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Scores;

public sealed class PerformanceIndexTests
{
    private static TargetScore Time(double currentMs, double targetMs) =>
        new("time", "startup", currentMs * 1e6, targetMs * 1e6, "ns", BiggerIsBetter: false, Severity.Ok);

    private static TargetScore HitRate(double current, double target) =>
        new("VAL-003", "rule cache hit rate", current, target, "ratio", BiggerIsBetter: true, Severity.Ok);

    [Theory]
    [InlineData(250, 500, 100)] // better than the target: full marks, never more
    [InlineData(500, 500, 100)] // at the target
    [InlineData(550, 500, 90)] // 10% over: 100 − 10
    [InlineData(750, 500, 50)] // 50% over
    [InlineData(1000, 500, 0)] // twice the target: nothing left
    [InlineData(3000, 500, 0)] // far beyond: clamped at 0, never negative
    public void A_smaller_is_better_figure_scores_the_seeds_line_from_100_at_the_target_to_0_at_twice_it(double currentMs, double targetMs, double expected) =>
        Time(currentMs, targetMs).Score.ShouldBe(expected, tolerance: 1e-9);

    [Theory]
    [InlineData(0.99, 0.9, 100)]
    [InlineData(0.9, 0.9, 100)]
    [InlineData(0.81, 0.9, 90)] // 10% short of the target
    [InlineData(0.45, 0.9, 50)]
    [InlineData(0.0, 0.9, 0)]
    public void A_bigger_is_better_figure_mirrors_it(double current, double target, double expected) =>
        HitRate(current, target).Score.ShouldBe(expected, tolerance: 1e-9);

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 0)]
    public void A_target_of_zero_is_met_or_not(double current, double expected) =>
        new TargetScore("ERR-001", "errors", current, 0, "count", false, Severity.Ok).Score.ShouldBe(expected);

    [Fact]
    public void The_index_is_the_mean_of_the_scores_lowest_part_first()
    {
        var index = PerformanceIndex.From([Time(400, 500), Time(750, 500), HitRate(0.81, 0.9)])!;

        index.Value.ShouldBe((100 + 50 + 90) / 3.0, tolerance: 1e-9);
        index.Parts.Select(p => p.Score).ShouldBe([50, 90, 100], tolerance: 1e-9);
        index.TargetsMet.ShouldBe(1);
    }

    [Fact]
    public void Without_a_target_there_is_no_index_rather_than_a_perfect_one()
    {
        PerformanceIndex.From([]).ShouldBeNull();
        PerformanceIndex.Absent.ShouldBe("no targets configured");
    }

    [Fact]
    public void The_index_carries_the_worst_tier_1_severity_of_its_parts()
    {
        var index = PerformanceIndex.From([Time(400, 500), Time(560, 500) with { Severity = Severity.Warning }])!;

        index.Severity.ShouldBe(Severity.Warning);
    }
}
