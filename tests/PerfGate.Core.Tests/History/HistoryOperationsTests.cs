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
}

public sealed class SqliteHistoryOperationsTests() : HistoryOperationsTests(new SqliteBackend());

public sealed class PostgresHistoryOperationsTests() : HistoryOperationsTests(new PostgresBackend());
