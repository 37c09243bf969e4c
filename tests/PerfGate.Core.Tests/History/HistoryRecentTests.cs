using PerfGate.Core.History;
using PerfGate.Core.Results;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public abstract class HistoryRecentTests : IDisposable
{
    private protected HistoryRecentTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Newest_points_come_first_and_at_most_perSeries_of_them()
    {
        using var store = Backend.Open();
        for (var i = 1; i <= 5; i++)
        {
            store.RecordRun(Run(T0.AddHours(i), "main", ("Parse", 100 + i), ("Load", 200 + i)), []);
        }

        var recent = store.GetRecent("main", [Key("Parse"), Key("Load")], perSeries: 3);

        Values(recent, "Parse").ShouldBe([105, 104, 103]);
        Values(recent, "Load").ShouldBe([205, 204, 203]);
        var newest = recent[Key("Parse")][0];
        newest.Timestamp.ShouldBe(T0.AddHours(5));
        newest.FingerprintKey.ShouldBe(Ci.Key);
        newest.Commit.ShouldNotBeNull();
        newest.LaunchMedians.Length.ShouldBe(3);
        store.GetRecent("main", [Key("Parse")], perSeries: 20)[Key("Parse")].Length.ShouldBe(5);
    }

    [Fact]
    public void Order_is_by_measurement_time_not_by_recording_order()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0.AddHours(3), "main", ("Parse", 3)), []);
        store.RecordRun(Run(T0.AddHours(1), "main", ("Parse", 1)), []);
        store.RecordRun(Run(T0.AddHours(2), "main", ("Parse", 2)), []);

        Values(store.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([3, 2, 1]);
    }

    [Fact]
    public void Only_the_requested_branch_counts()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0.AddHours(1), "main", ("Parse", 100)), []);
        store.RecordRun(Run(T0.AddHours(2), "feature/x", ("Parse", 999)), []);
        store.RecordRun(Run(T0.AddHours(3), "main", ("Parse", 101)), []);

        Values(store.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([101, 100]);
        Values(store.GetRecent("feature/x", [Key("Parse")], 10), "Parse").ShouldBe([999]);
        Values(store.GetRecent("release", [Key("Parse")], 10), "Parse").ShouldBeEmpty();
    }

    [Fact]
    public void A_fingerprint_keeps_only_runs_from_that_machine()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0.AddHours(1), "main", Ci, ("Parse", 100)), []);
        store.RecordRun(Run(T0.AddHours(2), "main", Laptop, ("Parse", 50)), []);
        store.RecordRun(Run(T0.AddHours(3), "main", Ci, ("Parse", 102)), []);

        Values(store.GetRecent("main", [Key("Parse")], 10, Ci.Key), "Parse").ShouldBe([102, 100]);
        Values(store.GetRecent("main", [Key("Parse")], 10, Laptop.Key), "Parse").ShouldBe([50]);
        Values(store.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([102, 50, 100]);
    }

    [Fact]
    public void A_series_missing_from_the_newest_runs_is_completed_from_older_ones()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0.AddHours(1), "main", ("Parse", 1), ("Rare", 10)), []);
        store.RecordRun(Run(T0.AddHours(2), "main", ("Parse", 2), ("Rare", 20)), []);
        store.RecordRun(Run(T0.AddHours(3), "feature/x", ("Rare", 999)), []);
        for (var i = 3; i <= 6; i++)
        {
            store.RecordRun(Run(T0.AddHours(i + 1), "main", ("Parse", i)), []);
        }

        var recent = store.GetRecent("main", [Key("Parse"), Key("Rare")], perSeries: 3);

        Values(recent, "Parse").ShouldBe([6, 5, 4]);
        Values(recent, "Rare").ShouldBe([20, 10]);
    }

    [Fact]
    public void Unknown_series_are_present_and_empty_and_failed_results_are_not_points()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0.AddHours(1), "main", ("Parse", 100)), []);
        var failed = Run(T0.AddHours(2), "main", ("Parse", 0));
        failed = failed with { Run = failed.Run with { Results = [new BenchmarkResult { Id = Id("Parse") }] } };
        store.RecordRun(failed, []);

        var recent = store.GetRecent("main", [Key("Parse"), Key("Never")], perSeries: 5);

        recent.Count.ShouldBe(2);
        Values(recent, "Parse").ShouldBe([100]);
        recent[Key("Never")].ShouldBeEmpty();
    }

    [Fact]
    public void Run_level_metrics_are_series_too()
    {
        using var store = Backend.Open();
        foreach (var (hour, tokens) in new[] { (1, 3000.0), (2, 3100.0) })
        {
            var run = Run(T0.AddHours(hour), "main", ("Parse", 1));
            store.RecordRun(run with { Run = run.Run with { Metrics = [new MetricValue("API-002", "Prompt tokens", tokens, "tokens", false, true)] } }, []);
        }

        store.GetRecent("main", ["metric:API-002"], 5)["metric:API-002"].Select(p => p.Value).ShouldBe([3100.0, 3000.0]);
    }

    [Fact]
    public void A_synthetic_history_answers_with_perSeries_points_for_every_series()
    {
        using (var store = Backend.Open())
        {
            SyntheticHistory.Generate(store, series: 30, runs: 25, new SyntheticHistoryOptions { Branches = ["main", "pr"] });
        }

        using var reopened = Backend.Open();
        var keys = SyntheticHistory.SeriesKeys(30);
        var recent = reopened.GetRecent("main", keys, perSeries: 10, SyntheticHistory.Host.Key);

        recent.Count.ShouldBe(30);
        recent.Values.ShouldAllBe(points => points.Length == 10);
        recent[keys[0]].Select(p => p.Timestamp).ShouldBeInOrder(SortDirection.Descending);
        Backend.Scalar("SELECT count(*) FROM results").ShouldBe(30 * 25);
    }
}

public sealed class SqliteHistoryRecentTests() : HistoryRecentTests(new SqliteBackend());

public sealed class PostgresHistoryRecentTests() : HistoryRecentTests(new PostgresBackend());
