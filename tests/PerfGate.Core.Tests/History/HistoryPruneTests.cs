using PerfGate.Core.History;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public abstract class HistoryPruneTests : IDisposable
{
    private protected HistoryPruneTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly DateTimeOffset Now = new(2025, 6, 30, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Runs_older_than_30_days_become_daily_aggregates_and_their_alerts_stay()
    {
        using var store = Backend.Open();
        var oldDay = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        long oldRun = 0;
        foreach (var (hour, median) in new[] { (1, 100.0), (5, 110.0), (9, 120.0), (13, 130.0), (17, 140.0) })
        {
            oldRun = store.RecordRun(Run(oldDay.AddHours(hour), "main", ("Parse", median)), [Alert("Parse", Severity.Error)]);
        }

        store.RecordRun(Run(oldDay.AddHours(2), "feature/x", ("Parse", 500)), []);
        store.RecordRun(Run(oldDay.AddHours(3), "main", Laptop, ("Parse", 50)), []);
        var recentRun = store.RecordRun(Run(Now.AddDays(-29), "main", ("Parse", 90)), [Alert("Parse", Severity.Warning)]);

        var pruned = store.Prune(Now);

        pruned.RawCutoff.ShouldBe(new DateTimeOffset(2025, 5, 31, 0, 0, 0, TimeSpan.Zero));
        pruned.RunsDeleted.ShouldBe(7);
        pruned.ResultsDeleted.ShouldBe(7);
        pruned.AggregatesWritten.ShouldBe(3);
        store.GetRun(oldRun).ShouldBeNull();
        store.GetRun(recentRun).ShouldNotBeNull();
        Backend.Scalar("SELECT count(*) FROM result_samples").ShouldBe(1);

        var main = store.GetDailyAggregates(Key("Parse"), "main").Single(a => a.FingerprintKey == Ci.Key);
        main.ShouldBe(new DailyAggregate(new DateOnly(2025, 5, 1), "main", Key("Parse"), Ci.Key, 5, 120, 100, 140, 102, 138, null));
        store.GetDailyAggregates(Key("Parse")).Count.ShouldBe(3);

        var alerts = store.GetAlerts(AlertFilter.All);
        alerts.Count.ShouldBe(6);
        alerts.Where(a => a.Severity == Severity.Error).ShouldAllBe(a => a.RunId == null && a.Branch == "main" && a.Commit != null);
        alerts.Single(a => a.Severity == Severity.Warning).RunId.ShouldBe(recentRun);
        Values(store.GetRecent("main", [Key("Parse")], 20), "Parse").ShouldBe([90]);
    }

    [Fact]
    public void Pruning_again_changes_nothing_and_aggregates_older_than_a_year_go()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(Now.AddDays(-400), "main", ("Parse", 1)), []);
        store.RecordRun(Run(Now.AddDays(-100), "main", ("Parse", 2)), []);

        var first = store.Prune(Now);
        first.AggregatesWritten.ShouldBe(1);
        first.RunsDeleted.ShouldBe(2);
        store.GetDailyAggregates(Key("Parse")).Single().MedianOfMedians.ShouldBe(2);

        var second = store.Prune(Now);
        second.ShouldBe(first with { RunsDeleted = 0, ResultsDeleted = 0, AggregatesWritten = 0 });

        var muchLater = store.Prune(Now.AddDays(300));
        muchLater.AggregatesDeleted.ShouldBe(1);
        store.GetDailyAggregates(Key("Parse")).ShouldBeEmpty();
    }

    [Fact]
    public void Late_runs_for_an_aggregated_day_are_merged_into_it()
    {
        using var store = Backend.Open();
        var day = Now.AddDays(-60);
        store.RecordRun(Run(day, "main", ("Parse", 100)), []);
        store.Prune(Now);
        store.RecordRun(Run(day.AddHours(1), "main", ("Parse", 200)), []);
        store.Prune(Now);

        var merged = store.GetDailyAggregates(Key("Parse")).Single();
        merged.Runs.ShouldBe(2);
        merged.Min.ShouldBe(100);
        merged.Max.ShouldBe(200);
        merged.MedianOfMedians.ShouldBe(150);
    }

    [Fact]
    public void Retention_is_configurable()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(Now.AddDays(-3), "main", ("Parse", 1)), []);

        store.Prune(Now).RunsDeleted.ShouldBe(0);
        store.Prune(Now, rawRetention: TimeSpan.FromDays(1)).RunsDeleted.ShouldBe(1);
    }
}

public sealed class SqliteHistoryPruneTests() : HistoryPruneTests(new SqliteBackend());

public sealed class PostgresHistoryPruneTests() : HistoryPruneTests(new PostgresBackend());
