using PerfGate.Core.History;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public abstract class HistoryOperationsTests : IDisposable
{
    private protected HistoryOperationsTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Alerts_filter_by_severity_acknowledgement_and_time_and_can_be_acknowledged()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0, "main", ("A", 1)), [Alert("A", Severity.Warning), Alert("A", Severity.Critical, Tier.Trend)]);
        store.RecordRun(Run(T0.AddDays(1), "main", ("A", 1)), [Alert("A", Severity.Error, Tier.Target)]);

        store.GetAlerts(AlertFilter.All).Select(a => a.Severity).ShouldBe([Severity.Error, Severity.Critical, Severity.Warning]);
        store.GetAlerts(new AlertFilter { MinimumSeverity = Severity.Error }).Select(a => a.Severity).ShouldBe([Severity.Error, Severity.Critical]);
        store.GetAlerts(new AlertFilter { Since = T0.AddHours(1) }).Single().Tier.ShouldBe(Tier.Target);
        store.GetAlerts(new AlertFilter { Limit = 1 }).Count.ShouldBe(1);

        var critical = store.GetAlerts(AlertFilter.All).Single(a => a.Severity == Severity.Critical);
        store.Acknowledge(critical.Id, "alice", "known: JIT change in .NET 10.0.1", T0.AddDays(2)).ShouldBeTrue();
        store.Acknowledge(999_999, "alice", "", T0).ShouldBeFalse();

        var open = store.GetAlerts(AlertFilter.Unacknowledged);
        open.Count.ShouldBe(2);
        open.ShouldNotContain(a => a.Id == critical.Id);
        var acknowledged = store.GetAlerts(AlertFilter.All).Single(a => a.Id == critical.Id);
        acknowledged.Acknowledged.ShouldBeTrue();
        acknowledged.AcknowledgedBy.ShouldBe("alice");
        acknowledged.AcknowledgedAt.ShouldBe(T0.AddDays(2));
        acknowledged.Notes.ShouldBe("known: JIT change in .NET 10.0.1");
    }

    [Fact]
    public void Targets_are_upserted_from_configuration_and_read_back()
    {
        using var store = Backend.Open();
        store.UpsertTargets(
            [
                new PerformanceTarget("metric:APP-001", 500, 550, 600, "ms", "Application startup"),
                new PerformanceTarget("metric:API-002", 3000, 3500, 4000, "tokens"),
            ],
            T0);
        store.UpsertTargets([new PerformanceTarget("metric:APP-001", 450, 500, 550, "ms", "Faster startup")], T0.AddDays(1), deactivateMissing: true);

        var active = store.GetTargets();
        active.ShouldBe([new PerformanceTarget("metric:APP-001", 450, 500, 550, "ms", "Faster startup") { UpdatedAt = T0.AddDays(1) }]);
        var all = store.GetTargets(includeInactive: true);
        all.Count.ShouldBe(2);
        all.Single(t => t.SeriesKey == "metric:API-002").Active.ShouldBeFalse();
    }

    [Fact]
    public void Runs_are_found_by_branch_id_and_commit_prefix()
    {
        using var store = Backend.Open();
        var first = Run(T0, "main", ("A", 1)) with { Commit = "ABCDEF0123456789abcdef0123456789abcdef01" };
        var firstId = store.RecordRun(first, []);
        var featureId = store.RecordRun(Run(T0.AddHours(1), "feature/x", ("A", 1)) with { Commit = "abc999" }, []);
        var secondId = store.RecordRun(Run(T0.AddHours(2), "main", ("A", 2)) with { Commit = "fedcba" }, []);

        store.GetLatestRun().ShouldNotBeNull().Id.ShouldBe(secondId);
        store.GetLatestRun("feature/x").ShouldNotBeNull().Id.ShouldBe(featureId);
        store.GetLatestRun("nope").ShouldBeNull();
        store.GetRun(firstId).ShouldNotBeNull().Commit.ShouldBe(first.Commit);
        store.GetRun(12345).ShouldBeNull();
        store.FindRunsByCommit("abc").Select(r => r.Id).ShouldBe([featureId, firstId]);
        store.FindRunsByCommit("abcdef01").Select(r => r.Id).ShouldBe([firstId]);
        store.FindRunsByCommit("0000").ShouldBeEmpty();
        store.GetResults(12345).ShouldBeEmpty();
        store.LoadRun(12345).ShouldBeNull();
    }

    [Fact]
    public void Runs_in_a_time_window_stream_oldest_first_with_their_results()
    {
        using var store = Backend.Open();
        for (var i = 0; i < 5; i++)
        {
            store.RecordRun(Run(T0.AddDays(i), i % 2 == 0 ? "main" : "feature/x", ("A", i), ("B", i)), []);
        }

        var window = store.StreamRuns(T0.AddDays(1), T0.AddDays(4)).ToList();
        window.Select(r => r.Run.Timestamp).ShouldBe([T0.AddDays(1), T0.AddDays(2), T0.AddDays(3)]);
        window.ShouldAllBe(r => r.Results.Length == 2);
        store.StreamRuns(T0, T0.AddDays(10), "main").Select(r => r.Results[0].Value).ShouldBe([0.0, 2.0, 4.0]);
    }

    [Fact]
    public void Trend_medians_read_by_the_store_equal_the_ones_computed_from_streamed_runs()
    {
        using var store = Backend.Open();
        // Four earlier main runs on the CI machine (A: 10, 40, 20, 30 → median 25; B: 5, 7, 9 and one failed run), one on
        // another machine and one on another branch (both left out), one after the latest-run window, then the latest.
        store.RecordRun(Run(T0, "main", ("A", 10), ("B", 5)), []);
        store.RecordRun(Run(T0.AddDays(1), "main", ("A", 40), ("B", 7)), []);
        var failed = Run(T0.AddDays(2), "main", ("A", 20), ("B", 1));
        store.RecordRun(failed with { Run = failed.Run with { Results = [failed.Run.Results[0], failed.Run.Results[1] with { Statistics = null }] } }, []);
        store.RecordRun(Run(T0.AddDays(3), "main", ("A", 30), ("B", 9)), []);
        store.RecordRun(Run(T0.AddDays(3), "main", Laptop, ("A", 1000), ("B", 1000)), []);
        store.RecordRun(Run(T0.AddDays(3), "feature/x", ("A", 1000), ("B", 1000)), []);
        store.RecordRun(Run(T0.AddDays(-30), "main", ("A", 1000), ("B", 1000)), []);
        store.RecordRun(Run(T0.AddDays(4), "main", ("A", 26), ("B", 8)), []);
        var latest = store.GetLatestRun("main").ShouldNotBeNull();
        var (from, to) = (latest.Timestamp.AddDays(-7), latest.Timestamp);

        var read = store.GetTrendMedians(latest, from, to);
        var streamed = TrendMedians.From(latest, store.StreamRuns(from, to, "main").Select(RunValues.From), from, to);

        read.Keys.Order().ShouldBe([Key("A"), Key("B")]);
        read[Key("A")].ShouldBe(new TrendMedian(25, 4));
        read[Key("B")].ShouldBe(new TrendMedian(7, 3));
        streamed.ShouldBe(read, ignoreOrder: true);
    }

    [Fact]
    public void Trend_medians_over_a_long_window_equal_the_ones_computed_from_streamed_runs()
    {
        // More runs than SqliteHistoryStore reads in one piece (it reads a long window in two halves at once): three
        // a day for a week, B only in every third run, C failed in every fifth.
        using var store = Backend.Open();
        var runs = 3 * 7;
        for (var i = 0; i < runs * 2; i++)
        {
            var at = T0.AddHours(8 * i / 2.0);
            var run = Run(at, "main", ("A", 100 + (i * 37 % 11)), ("B", 50 + (i % 7)), ("C", 10 + (i % 3)));
            var results = run.Run.Results.Where((_, k) => k != 1 || i % 3 == 0).Select(r => r.Id.Method == "C" && i % 5 == 0 ? r with { Statistics = null } : r);
            store.RecordRun(run with { Run = run.Run with { Results = [.. results] } }, []);
        }

        var latest = store.GetLatestRun("main").ShouldNotBeNull();
        var (from, to) = (latest.Timestamp.AddDays(-7), latest.Timestamp);

        var read = store.GetTrendMedians(latest, from, to);
        var streamed = TrendMedians.From(latest, store.StreamRuns(from, to, "main").Select(RunValues.From), from, to);

        read[Key("A")].Runs.ShouldBeGreaterThanOrEqualTo(SqliteHistoryStore.SplitTrendFromRuns);
        read.Keys.Order().ShouldBe([Key("A"), Key("B"), Key("C")]);
        streamed.ShouldBe(read, ignoreOrder: true);
    }
}

public sealed class SqliteHistoryOperationsTests() : HistoryOperationsTests(new SqliteBackend());

public sealed class PostgresHistoryOperationsTests() : HistoryOperationsTests(new PostgresBackend());
