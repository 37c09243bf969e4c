using PerfGate.Core.History;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

/// <summary><see cref="SqliteHistoryStore.GetAcknowledged"/> on a real SQLite file: what the gate's acknowledgement rule reads.</summary>
public abstract class AcknowledgedAlertsTests : IDisposable
{
    private protected AcknowledgedAlertsTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Only_acknowledged_alerts_of_the_asked_series_and_branch_come_back_newest_acknowledgement_first()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0, "main", ("A", 1), ("B", 1)), [Alert("A", Severity.Critical), Alert("B", Severity.Error), Alert("A", Severity.Warning, Tier.Trend)]);
        store.RecordRun(Run(T0.AddDays(1), "feature/x", ("A", 1)), [Alert("A", Severity.Error)]);
        store.RecordRun(Run(T0.AddDays(2), "main", ("C", 1)), [Alert("C", Severity.Error)]);
        var all = store.GetAlerts(AlertFilter.All);
        long IdOf(string method, string branch, Severity severity) => all.Single(a => a.SeriesKey == Key(method) && a.Branch == branch && a.Severity == severity).Id;

        var mainA = IdOf("A", "main", Severity.Critical);
        var featureA = IdOf("A", "feature/x", Severity.Error);
        var mainB = IdOf("B", "main", Severity.Error);
        var mainC = IdOf("C", "main", Severity.Error);
        store.Acknowledge(mainA, "alice", "expected", T0.AddDays(3)).ShouldBeTrue();
        store.Acknowledge(featureA, "bob", "on the branch", T0.AddDays(4)).ShouldBeTrue();
        store.Acknowledge(mainB, "carol", "later", T0.AddDays(5)).ShouldBeTrue();
        store.Acknowledge(mainC, "dave", "not asked for", T0.AddDays(6)).ShouldBeTrue();

        store.GetAcknowledged([Key("A"), Key("B")], "main").Select(a => a.Id).ShouldBe([mainB, mainA]);
        store.GetAcknowledged([Key("A"), Key("B")]).Select(a => a.Id).ShouldBe([mainB, featureA, mainA]);
        store.GetAcknowledged([Key("A")], "feature/x").Single().AcknowledgedBy.ShouldBe("bob");
        store.GetAcknowledged([], "main").ShouldBeEmpty();
        store.GetAcknowledged(["x' OR 1=1 --"], null).ShouldBeEmpty();

        var a = store.GetAcknowledged([Key("A")], "main").Single();
        a.Acknowledged.ShouldBeTrue();
        a.AcknowledgedAt.ShouldBe(T0.AddDays(3));
        a.Notes.ShouldBe("expected");
        a.CurrentValue.ShouldBe(130);
    }

    [Fact]
    public void An_acknowledgement_keeps_its_reason_and_one_without_a_reason_reads_back_null()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0, "main", ("A", 1), ("B", 1)), [Alert("A", Severity.Error), Alert("B", Severity.Error)]);
        var all = store.GetAlerts(AlertFilter.All);
        var a = all.Single(x => x.SeriesKey == Key("A")).Id;
        var b = all.Single(x => x.SeriesKey == Key("B")).Id;

        store.Acknowledge(a, "ana", "noise", T0.AddDays(1), AlertReason.FalseAlarm).ShouldBeTrue();
        store.Acknowledge(b, "bo", "old style", T0.AddDays(1)).ShouldBeTrue();

        var read = store.GetAlerts(AlertFilter.All).ToDictionary(x => x.Id);
        read[a].Reason.ShouldBe(AlertReason.FalseAlarm);
        read[b].Reason.ShouldBeNull();
        store.GetAcknowledged([Key("A")], "main").Single().Reason.ShouldBe(AlertReason.FalseAlarm);
    }

    [Fact]
    public void Alerts_can_be_read_by_id_and_by_part_of_their_series_key()
    {
        using var store = Backend.Open();
        store.RecordRun(Run(T0, "main", ("ParseJson", 1), ("Validate", 1)), [Alert("ParseJson", Severity.Error), Alert("Validate", Severity.Error)]);
        var validate = store.GetAlerts(AlertFilter.All).Single(a => a.SeriesKey == Key("Validate"));

        store.GetAlerts(new AlertFilter { Id = validate.Id }).ShouldHaveSingleItem().SeriesKey.ShouldBe(Key("Validate"));
        store.GetAlerts(new AlertFilter { Id = 999_999 }).ShouldBeEmpty();
        store.GetAlerts(new AlertFilter { SeriesContains = "PARSEjson" }).ShouldHaveSingleItem().SeriesKey.ShouldBe(Key("ParseJson"));
        store.GetAlerts(new AlertFilter { SeriesContains = "%" }).ShouldBeEmpty();
    }
}

public sealed class SqliteAcknowledgedAlertsTests() : AcknowledgedAlertsTests(new SqliteBackend());

public sealed class PostgresAcknowledgedAlertsTests() : AcknowledgedAlertsTests(new PostgresBackend());
