using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rendering.Dashboard;
using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>History in, dashboard data out: hand-made runs, aggregates and alerts with exact expected points and bands.</summary>
public sealed class DashboardDataBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly BenchmarkId Parse = new("App.ParserBenchmarks", "Parse", "Size=10");
    private static readonly BenchmarkId Join = new("App.ParserBenchmarks", "Join");
    private static readonly string HitsKey = SeriesKey.ForMetric("cache-hits");

    [Fact]
    public void Each_run_of_the_branch_is_one_point_per_series_oldest_first()
    {
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now });
        builder.AddRun(Run(1, Now.AddDays(-2), "main", Bench(Parse, 100), Bench(Join, 7)));
        builder.AddRun(Run(2, Now.AddDays(-1), "feature/x", Bench(Parse, 999)));
        builder.AddRun(Run(3, Now, "main", Bench(Parse, 110), Failed(Join)));

        var data = builder.Build([]);

        data.GeneratedAt.ShouldBe(Now);
        data.Title.ShouldBe(DashboardBuildOptions.DefaultTitle);
        data.Series.Select(s => s.Id).ShouldBe([Parse.Key, Join.Key]);
        var parse = data.Series[0];
        parse.DisplayName.ShouldBe("Parse " + Parse.Key);
        parse.Unit.ShouldBe("ns");
        parse.BiggerIsBetter.ShouldBeFalse();
        parse.Points.ShouldBe(
        [
            new DashboardPoint(Now.AddDays(-2), 100, "c1", 1, "main"),
            new DashboardPoint(Now, 110, "c3", 3, "main"),
        ]);
        // The run where Join failed has no point for it.
        data.Series[1].Points.Select(p => p.RunId).ShouldBe([1L]);
        builder.Runs.ShouldBe(2);
    }

    [Fact]
    public void The_rolling_reference_is_the_median_and_p5_p95_of_the_last_window_points()
    {
        var gate = GateOptions.Default with { Statistics = new StatisticsOptions { HistoryWindow = 5 } };
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Gate = gate });
        double[] values = [1000, 10, 20, 30, 40, 50];
        for (var i = 0; i < values.Length; i++)
        {
            builder.AddRun(Run(i + 1, Now.AddDays(i - values.Length), "main", Bench(Parse, values[i])));
        }

        var series = builder.Build([]).Series.ShouldHaveSingleItem();

        // Last 5 points 10..50 (the 1000 falls outside the window): linear interpolation between closest ranks.
        ShouldHaveBand(series, 30, 12, 48);
        series.Points.Length.ShouldBe(6);
    }

    [Fact]
    public void The_committed_baseline_gives_the_band_when_it_has_the_series()
    {
        var baseline = new BenchmarkRun
        {
            Host = HostFingerprint.Unknown,
            Results =
            [
                new BenchmarkResult
                {
                    Id = Parse,
                    // 21 values 1..21: p5 at rank 1 (= 2), p95 at rank 19 (= 20); the reported median is used as it is.
                    OriginalValues = [.. Enumerable.Range(1, 21).Select(v => (double)v)],
                    Statistics = new TimeStatistics(21, 11, 10.5, 1, 1, 21),
                },
            ],
            Metrics = [new MetricValue("cache-hits", "Cache hits", 0.9, "ratio", true, false)],
        };
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Baseline = baseline });
        builder.AddRun(Run(1, Now.AddDays(-1), "main", Bench(Parse, 12), Bench(Join, 5), Metric(0.8)));
        builder.AddRun(Run(2, Now, "main", Bench(Parse, 14), Bench(Join, 7), Metric(0.7)));

        var data = builder.Build([]);

        var parse = data.Series.Single(s => s.Id == Parse.Key);
        ShouldHaveBand(parse, 10.5, 2.0, 20.0);
        var hits = data.Series.Single(s => s.Id == HitsKey);
        ShouldHaveBand(hits, 0.9, null, null);
        // Join is not in the baseline: the rolling reference of its two points.
        var join = data.Series.Single(s => s.Id == Join.Key);
        ShouldHaveBand(join, 6.0, 5.1, 6.9);
        data.Note.ShouldBe("branch main: 2 runs from 2026-11-29 to 2026-11-30 · band: committed baseline for 2 series, rolling median and p5–p95 of the last 20 points for 1");
    }

    [Fact]
    public void A_baseline_without_measurements_uses_its_reported_percentiles()
    {
        var baseline = new BenchmarkRun
        {
            Host = HostFingerprint.Unknown,
            Results = [new BenchmarkResult { Id = Parse, Statistics = new TimeStatistics(10, 100, 99, 3, 90, 110, P5: 92, P95: 108) }],
        };
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Baseline = baseline });
        builder.AddRun(Run(1, Now, "main", Bench(Parse, 120)));

        var data = builder.Build([]);

        var series = data.Series.ShouldHaveSingleItem();
        ShouldHaveBand(series, 99.0, 92.0, 108.0);
        data.Note.ShouldBe("branch main: 1 run (2026-11-30) · band: committed baseline (its median and the p5–p95 of its measurements)");
    }

    [Fact]
    public void Daily_aggregates_fill_the_days_before_the_raw_runs_at_noon()
    {
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Gate = GateOptions.Default with { Statistics = new StatisticsOptions { HistoryWindow = 3 } } });
        builder.AddRun(Run(7, new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), "main", Bench(Parse, 50)));
        builder.AddAggregates(
        [
            Aggregate(new DateOnly(2026, 9, 1), "main", 10),
            Aggregate(new DateOnly(2026, 9, 2), "feature/x", 999),
            Aggregate(new DateOnly(2026, 9, 3), "main", 30),
            // Raw runs of this day exist: they win over the aggregate.
            Aggregate(new DateOnly(2026, 11, 29), "main", 777),
        ]);

        var data = builder.Build([]);

        var series = data.Series.ShouldHaveSingleItem();
        series.Points.ShouldBe(
        [
            new DashboardPoint(new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero), 10, null, 0, "main"),
            new DashboardPoint(new DateTimeOffset(2026, 9, 3, 12, 0, 0, TimeSpan.Zero), 30, null, 0, "main"),
            new DashboardPoint(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), 50, "c7", 7, "main"),
        ]);
        // The rolling reference spans aggregates and raw points: 10, 30, 50.
        ShouldHaveBand(series, 30.0, 12.0, 48.0);
        data.Note.ShouldBe("branch main: 1 run (2026-11-29) and 2 daily aggregate points of older days · band: rolling median and p5–p95 of the last 3 points");
    }

    [Fact]
    public void Days_limit_drops_older_runs_aggregates_and_alerts()
    {
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, From = Now.AddDays(-7) });
        builder.AddRun(Run(1, Now.AddDays(-8), "main", Bench(Parse, 1)));
        builder.AddRun(Run(2, Now.AddDays(-7), "main", Bench(Parse, 2)));
        builder.AddAggregates([Aggregate(DateOnly.FromDateTime(Now.AddDays(-9).UtcDateTime), "main", 3)]);

        var data = builder.Build([Alert(1, Now.AddDays(-8), "main"), Alert(2, Now.AddDays(-6), "main")]);

        data.Series.ShouldHaveSingleItem().Points.Select(p => p.Value).ShouldBe([2.0]);
        data.Alerts.Select(a => a.Id).ShouldBe([2L]);
    }

    [Fact]
    public void Alerts_of_the_branch_are_mapped_newest_first_with_their_acknowledgement()
    {
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Branch = "main" });
        builder.AddRun(Run(1, Now, "main", Bench(Parse, 1)));
        var acknowledgedAt = Now.AddHours(1);

        var data = builder.Build(
        [
            Alert(1, Now.AddDays(-3), "main"),
            Alert(2, Now.AddDays(-1), "main") with { Acknowledged = true, AcknowledgedBy = "alice", AcknowledgedAt = acknowledgedAt, Notes = "known" },
            Alert(3, Now.AddDays(-2), "feature/x"),
        ]);

        data.Alerts.ShouldBe(
        [
            new DashboardAlert(2, Now.AddDays(-1), Parse.Key, "history", "critical", "time", 160, 100, 60, "slower", true, "alice", acknowledgedAt, "known"),
            new DashboardAlert(1, Now.AddDays(-3), Parse.Key, "history", "critical", "time", 160, 100, 60, "slower", false, null, null, null),
        ]);
    }

    [Fact]
    public void Targets_are_matched_the_way_the_gate_matches_them()
    {
        var gate = GateOptions.Default with
        {
            Targets =
            [
                // A glob with a metric is a budget on that benchmark's metric, not on its time.
                new TargetOptions { Benchmark = "App.ParserBenchmarks.Parse*", Metric = "Gen0", Target = 1 },
                new TargetOptions { Benchmark = "App.ParserBenchmarks.Parse*", Target = 250 },
                new TargetOptions { Benchmark = "App.ParserBenchmarks.Parse*", Target = 999 },
                new TargetOptions { Metric = "cache-hits", Target = 0.95 },
            ],
        };
        var stored = ImmutableArray.Create(
            new PerformanceTarget(Join.Key, 40, 45, 50, "ns"),
            new PerformanceTarget(Parse.Key, 1, null, null, "ns"));
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Gate = gate, StoredTargets = stored });
        builder.AddRun(Run(1, Now, "main", Bench(Parse, 200), Bench(Join, 30), Metric(0.97)));

        var data = builder.Build([]);

        data.Series.Single(s => s.Id == Parse.Key).Target.ShouldBe(250);
        data.Series.Single(s => s.Id == Join.Key).Target.ShouldBe(40); // none configured: the stored target
        var hits = data.Series.Single(s => s.Id == HitsKey);
        hits.Target.ShouldBe(0.95);
        hits.Unit.ShouldBe("ratio");
        hits.BiggerIsBetter.ShouldBeTrue();
        hits.DisplayName.ShouldBe("Cache hits");
    }

    [Fact]
    public void The_first_cards_hold_the_latest_runs_index_and_score_as_perfgate_status_computes_them()
    {
        var baseline = new BenchmarkRun
        {
            Host = HostFingerprint.Unknown,
            Results =
            [
                new BenchmarkResult { Id = Parse, Statistics = new TimeStatistics(5, 100, 100, 0, 100, 100) },
                new BenchmarkResult { Id = Join, Statistics = new TimeStatistics(5, 10, 10, 0, 10, 10) },
            ],
        };
        var gate = GateOptions.Default with
        {
            Targets =
            [
                new TargetOptions { Benchmark = "*Benchmarks.Parse*", Name = "parse", Target = 100 },
                new TargetOptions { Metric = "cache-hits", Name = "hits", Target = 0.8, BiggerIsBetter = true },
            ],
        };
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Baseline = baseline, Gate = gate });
        builder.AddRun(Run(2, Now, "main", Bench(Parse, 121), Bench(Join, 10), Metric(0.72)));
        builder.AddRun(Run(1, Now.AddDays(-1), "main", Bench(Parse, 999), Bench(Join, 99), Metric(0.1))); // older: not the latest

        var composite = builder.Build([]).Composite.ShouldNotBeNull();

        composite.RunId.ShouldBe(2);
        // parse 121 against 100: 21% over, 79; hits 0.72 against at least 0.8: 10% short, 90.
        composite.Index!.Value.ShouldBe((79 + 90) / 2.0, tolerance: 1e-9);
        // Parse ×1.21 and Join ×1.0 against the baseline: geometric mean ×1.1, a score of −10.
        composite.Score!.Percent.ShouldBe(-10, tolerance: 1e-9);
        composite.Score.Reference.ShouldBe("the baseline");
    }

    [Fact]
    public void Without_targets_or_baseline_the_cards_hold_no_figures()
    {
        var builder = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now });
        builder.AddRun(Run(1, Now, "main", Bench(Parse, 121)));

        var composite = builder.Build([]).Composite.ShouldNotBeNull();

        composite.Index.ShouldBeNull();
        composite.Score.ShouldBeNull();
        new DashboardDataBuilder(new DashboardBuildOptions { Now = Now }).Build([]).Composite.ShouldBeNull();
    }

    [Fact]
    public void An_empty_history_builds_an_empty_page_that_says_so()
    {
        var data = new DashboardDataBuilder(new DashboardBuildOptions { Now = Now, Branch = "trunk", Title = "T" }).Build([]);

        data.Series.ShouldBeEmpty();
        data.Alerts.ShouldBeEmpty();
        data.Title.ShouldBe("T");
        data.Note.ShouldBe("branch trunk: no runs · no reference band");
    }

    private static void ShouldHaveBand(DashboardSeries series, double median, double? p5, double? p95)
    {
        series.BaselineMedian.ShouldNotBeNull().ShouldBe(median, tolerance: 1e-9, series.Id);
        ShouldBeNear(series.P5, p5, series.Id);
        ShouldBeNear(series.P95, p95, series.Id);
    }

    private static void ShouldBeNear(double? actual, double? expected, string what)
    {
        if (expected is { } e)
        {
            actual.ShouldNotBeNull(what).ShouldBe(e, tolerance: 1e-9, what);
        }
        else
        {
            actual.ShouldBeNull(what);
        }
    }

    private static RunWithResults Run(long id, DateTimeOffset at, string branch, params Func<long, StoredResult>[] results) => new(
        new StoredRun(id, at, branch, "c" + id, null, HostFingerprint.Unknown, ResultDetail.Measurements, ["test"]),
        [.. results.Select(r => r(id))]);

    private static Func<long, StoredResult> Bench(BenchmarkId id, double median) => run => new StoredResult(
        run, id.Key, "Parse " + id.Key, id.Type + "." + id.Method,
        new BenchmarkResult { Id = id, Statistics = new TimeStatistics(5, median, median, 0, median, median) }, null, [], 5);

    private static Func<long, StoredResult> Failed(BenchmarkId id) => run => new StoredResult(
        run, id.Key, id.Key, id.Type + "." + id.Method, new BenchmarkResult { Id = id }, null, [], 0);

    private static Func<long, StoredResult> Metric(double value) => run => new StoredResult(
        run, HitsKey, "Cache hits", "", null, new MetricValue("cache-hits", "Cache hits", value, "ratio", true, false), [], 0);

    private static DailyAggregate Aggregate(DateOnly day, string branch, double median) =>
        new(day, branch, Parse.Key, HostFingerprint.Unknown.Key, 2, median, median, median, median, median, null);

    private static StoredAlert Alert(long id, DateTimeOffset at, string branch) => new(
        id, 1, at, branch, "c1", null, HostFingerprint.Unknown.Key, Tier.History, Severity.Critical, Parse.Key, "time",
        160, 100, 60, "slower", false, null, null, null);
}
