using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rules;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

/// <summary>
/// The steps a run stores when recorded (<c>run_steps</c>, <see cref="RecordedSteps"/>), on both backends: they come
/// back exactly as a fresh scan finds them, and only while the trend settings and the branch's runs are those they
/// were computed from.
/// </summary>
public abstract class RecordedStepsStoreTests : IDisposable
{
    private const int Runs = 24;
    private const int StepAt = 14;

    private protected RecordedStepsStoreTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    private static readonly TrendOptions Trend = new();

    private static readonly string[] Keys = [Key("Parse"), Key("Flat")];

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Parse steps up 20% at run <see cref="StepAt"/>; Flat only wobbles; a laptop run on main in between. Returns the main CI runs' ids.</summary>
    private static List<long> RecordStepped(IHistoryOperations store)
    {
        var ids = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            var wobble = 1 + (0.01 * Math.Sin(i * 1.7));
            ids.Add(store.RecordRun(Run(T0.AddHours(i), "main", ("Parse", (i >= StepAt ? 120 : 100) * wobble), ("Flat", 50 * wobble)) with { Commit = $"c{i:D3}" }, []));
            if (i == 5)
            {
                store.RecordRun(Run(T0.AddHours(i).AddMinutes(30), "main", Laptop, ("Parse", 999), ("Flat", 999)), []);
            }
        }

        return ids;
    }

    private static Dictionary<string, ImmutableArray<MainStep>> Scanned(IHistoryOperations store, StoredRun run) =>
        RecordedSteps.Scan(store.GetRecent(run.Branch, Keys, MainStepScan.Runs, run.FingerprintKey), Keys, Trend);

    private static bool Record(IHistoryOperations store, StoredRun run) =>
        RecordedSteps.Record(store, run.Id, run.Branch, run.FingerprintKey, Keys, Trend);

    [Fact]
    public void The_stored_steps_come_back_exactly_as_a_fresh_scan_finds_them()
    {
        using var store = Backend.Open();
        var ids = RecordStepped(store);
        var latest = store.GetRun(ids[^1]).ShouldNotBeNull();

        Record(store, latest).ShouldBeTrue();
        store.GetRunSteps(latest.Id).ShouldNotBeNull().TrendKey.ShouldStartWith("steps/1 runs=60 {\"Enabled\":true,");

        using var reopened = Backend.Open();
        var stored = RecordedSteps.TryRead(reopened, latest, Trend).ShouldNotBeNull();
        var scanned = Scanned(reopened, latest);
        var step = stored.ShouldHaveSingleItem();
        step.Key.ShouldBe(Key("Parse"));
        var expected = scanned[Key("Parse")].ShouldHaveSingleItem();
        step.Value.ShouldHaveSingleItem().ShouldBe(expected);
        expected.FirstRunAfter.RunId.ShouldBe(ids[StepAt]);
        expected.FirstRunAfter.Commit.ShouldBe($"c{StepAt:D3}");
        BitConverter.DoubleToInt64Bits(step.Value[0].LevelBefore).ShouldBe(BitConverter.DoubleToInt64Bits(expected.LevelBefore));
        BitConverter.DoubleToInt64Bits(step.Value[0].Step.PValue).ShouldBe(BitConverter.DoubleToInt64Bits(expected.Step.PValue));
        scanned[Key("Flat")].ShouldBeEmpty();
    }

    [Fact]
    public void Other_trend_settings_or_a_new_run_in_the_window_make_them_stale_and_other_branches_and_machines_do_not()
    {
        using var store = Backend.Open();
        var ids = RecordStepped(store);
        var latest = store.GetRun(ids[^1]).ShouldNotBeNull();
        Record(store, latest).ShouldBeTrue();

        RecordedSteps.TryRead(store, latest, Trend with { WarningPercent = 7 }).ShouldBeNull();
        RecordedSteps.TryRead(store, latest, Trend with { Enabled = false }).ShouldBeNull();

        store.RecordRun(Run(T0.AddHours(Runs), "feature/x", ("Parse", 100)), []);
        store.RecordRun(Run(T0.AddHours(Runs), "main", Laptop, ("Parse", 100)), []);
        RecordedSteps.TryRead(store, latest, Trend).ShouldNotBeNull();

        // Recorded late (an import, a slow job): an older main run lands inside the window.
        store.RecordRun(Run(T0.AddHours(3.5), "main", ("Parse", 100), ("Flat", 50)), []);
        RecordedSteps.TryRead(store, latest, Trend).ShouldBeNull();
        Record(store, latest).ShouldBeTrue();
        var again = RecordedSteps.TryRead(store, latest, Trend).ShouldNotBeNull();
        again.Keys.ShouldBe([Key("Parse")]);
        again[Key("Parse")].ShouldBe(Scanned(store, latest)[Key("Parse")]);
    }

    [Fact]
    public void A_prune_makes_them_stale_and_deletes_them_with_their_runs()
    {
        using var store = Backend.Open();
        var ids = RecordStepped(store);
        var first = store.GetRun(ids[10]).ShouldNotBeNull();
        var latest = store.GetRun(ids[^1]).ShouldNotBeNull();
        Record(store, first).ShouldBeTrue();
        Record(store, latest).ShouldBeTrue();
        Backend.Scalar("SELECT count(*) FROM run_steps").ShouldBe(2);

        // Raw retention of a day, 30 days after the 12th hour: the runs of T0's day go, none after it.
        var now = T0.Date.AddDays(2).AddHours(1);
        store.Prune(new DateTimeOffset(now, TimeSpan.Zero), rawRetention: TimeSpan.FromDays(1)).RunsDeleted.ShouldBe(13);

        store.GetRunSteps(first.Id).ShouldBeNull();
        RecordedSteps.TryRead(store, latest, Trend).ShouldBeNull();
        Backend.Scalar("SELECT count(*) FROM run_steps").ShouldBe(1);
        store.Prune(new DateTimeOffset(now.AddDays(2), TimeSpan.Zero), rawRetention: TimeSpan.FromDays(1));
        Backend.Scalar("SELECT count(*) FROM run_steps").ShouldBe(0);
    }

    [Fact]
    public void Steps_for_a_run_not_in_the_history_are_refused()
    {
        using var store = Backend.Open();
        Should.Throw<HistoryException>(() => store.SaveRunSteps(new StoredRunSteps(12345, "t", "w", [1, 0, 0, 0, 0])));
        store.GetRunSteps(12345).ShouldBeNull();
    }
}

public sealed class SqliteRecordedStepsStoreTests() : RecordedStepsStoreTests(new SqliteBackend());

public sealed class PostgresRecordedStepsStoreTests() : RecordedStepsStoreTests(new PostgresBackend());
