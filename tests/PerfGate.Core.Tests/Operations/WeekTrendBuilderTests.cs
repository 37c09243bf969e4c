using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Operations;

public sealed class WeekTrendBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly HostFingerprint Other = HostFingerprint.Unknown with { Processor = "Other CPU" };

    private static RunValues Run(long id, DateTimeOffset at, string branch, HostFingerprint host, params (string Key, double Ns)[] results) => new(
        new StoredRun(id, at, branch, "c" + id, null, host, ResultDetail.Measurements, ["test"]),
        [.. results.Select(r => new SeriesValue(r.Key, r.Ns)), new SeriesValue("metric:A", 5)]);

    [Fact]
    public void Each_benchmark_against_the_median_of_the_weeks_runs_of_the_branch_on_this_machine()
    {
        var builder = new WeekTrendBuilder(new Dictionary<string, double> { ["A"] = 90, ["B"] = 200 }, HostFingerprint.Unknown.Key, "main", Now);
        builder.AddRun(Run(1, Now.AddDays(-6), "main", HostFingerprint.Unknown, ("A", 100), ("B", 200)));
        builder.AddRun(Run(2, Now.AddDays(-3), "main", HostFingerprint.Unknown, ("A", 110), ("B", 190)));
        builder.AddRun(Run(3, Now.AddDays(-1), "main", HostFingerprint.Unknown, ("A", 90), ("B", 210)));
        builder.AddRun(Run(4, Now.AddDays(-8), "main", HostFingerprint.Unknown, ("A", 1)));    // before the window
        builder.AddRun(Run(5, Now.AddDays(-2), "feature", HostFingerprint.Unknown, ("A", 1))); // another branch
        builder.AddRun(Run(6, Now.AddDays(-2), "main", Other, ("A", 1)));                      // another machine

        var trend = builder.Build();

        // A: 90 against the median 100 (×0.9); B: 200 against 200 (×1.0). Geometric mean ×√0.9 = 0.9487: 5.1% faster.
        trend.Runs.ShouldBe(3);
        var score = trend.Score.ShouldNotBeNull();
        score.Percent.ShouldBe(-(Math.Sqrt(0.9) - 1) * 100, tolerance: 1e-9);
        score.Benchmarks.ShouldBe(2);
        score.Reference.ShouldBe("the 7-day median of main");
    }

    [Fact]
    public void No_earlier_run_in_the_window_means_no_score()
    {
        var builder = new WeekTrendBuilder(new Dictionary<string, double> { ["A"] = 90 }, HostFingerprint.Unknown.Key, "main", Now);
        builder.AddRun(Run(1, Now.AddDays(-30), "main", HostFingerprint.Unknown, ("A", 100)));

        var trend = builder.Build();

        trend.Runs.ShouldBe(0);
        trend.Score.ShouldBeNull();
    }
}
