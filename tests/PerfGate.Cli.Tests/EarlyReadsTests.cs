using System.Collections.Immutable;
using PerfGate.Cli.Commands;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Tests;

/// <summary>
/// <c>perfgate check</c> reads the baseline and the history of the baseline's series while it reads the results
/// (<see cref="EarlyReads"/>): whatever the results turn out to need, the windows it hands the gate are the ones a
/// single read of exactly those series on exactly that machine gives. On a real history recorded by <c>check --record</c>.
/// </summary>
public sealed class EarlyReadsTests(RecordedHistory recorded) : IClassFixture<RecordedHistory>
{
    private const int Window = 20;

    [Fact]
    public void Series_the_baseline_did_not_name_are_read_late_and_the_answer_is_one_read_of_all_of_them()
    {
        var (request, baseline) = Request();
        var keys = Keys(baseline).Skip(2).Append("Nowhere.Benchmark()").ToArray();

        var (answer, lateReads) = ReadEarly(request, keys, baseline.Host.Key);

        lateReads.ShouldBe(1, "only the series the baseline did not name is read after the results");
        Same(answer, keys, baseline.Host.Key);
        answer.Values.Count(v => v.Length > 0).ShouldBe(keys.Length - 1, "every recorded series has its window");
    }

    [Fact]
    public void Results_from_another_machine_read_their_own_windows()
    {
        var (request, baseline) = Request();
        var keys = Keys(baseline);
        const string OtherMachine = "linux-arm64|Other CPU|.NET 9.0|RyuJIT";

        var (answer, lateReads) = ReadEarly(request, keys, OtherMachine);

        lateReads.ShouldBe(-1, "the early read was for the baseline's machine");
        Same(answer, keys, OtherMachine);
    }

    [Fact]
    public void Another_branch_or_window_than_the_early_read_asked_for_is_read_afresh()
    {
        var (request, baseline) = Request();
        var keys = Keys(baseline);
        using var early = EarlyReads.Start(request, Window, Environment(), (location, create) => HistoryAccess.Open(Environment(), location, create));
        early.Baseline().ShouldNotBeNull();
        using var store = early.TakeStore().ShouldNotBeNull();

        var shorter = early.History(store, "main", keys, Window / 2, baseline.Host.Key);
        early.LateReads.ShouldBe(-1, "the early read was for a longer window");
        using (var direct = new SqliteHistoryStore(recorded.HistoryPath))
        {
            var expected = direct.GetRecent("main", keys, Window / 2, baseline.Host.Key);
            foreach (var key in keys)
            {
                Describe(shorter[key]).ShouldBe(Describe(expected[key]), key);
            }
        }

        early.History(store, "feature/x", keys, Window, baseline.Host.Key).Values.ShouldAllBe(v => v.IsEmpty);
        early.LateReads.ShouldBe(-1, "the early read was for main");
    }

    [Fact]
    public void Any_machine_uses_the_early_read_for_every_series()
    {
        var (request, baseline) = Request();
        request = request with { AnyMachine = true };
        var keys = Keys(baseline);

        var (answer, lateReads) = ReadEarly(request, keys, null);

        lateReads.ShouldBe(0);
        Same(answer, keys, null);
    }

    [Fact]
    public void A_missing_history_is_not_created_early_and_a_missing_baseline_surfaces_when_asked_for()
    {
        var missingHistory = recorded.Cli.Path("early-none", "history.db");
        var request = new CheckRequest { Results = [], History = missingHistory, Baseline = [recorded.Cli.Path("early-none", "no-baseline.json")], Record = true };

        using var early = EarlyReads.Start(request, Window, Environment(), (location, create) => HistoryAccess.Open(Environment(), location, create));

        Should.Throw<Exception>(() => early.Baseline()).Message.ShouldContain("no-baseline.json");
        early.TakeStore().ShouldBeNull();
        File.Exists(missingHistory).ShouldBeFalse("the check decides to create the history only after its input was read");
    }

    private (IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> Answer, int LateReads) ReadEarly(CheckRequest request, string[] keys, string? fingerprint)
    {
        using var early = EarlyReads.Start(request, Window, Environment(), (location, create) => HistoryAccess.Open(Environment(), location, create));
        early.Baseline().ShouldNotBeNull();
        using var store = early.TakeStore().ShouldNotBeNull();
        var answer = early.History(store, "main", keys, Window, fingerprint);
        return (answer, early.LateReads);
    }

    private void Same(IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> answer, string[] keys, string? fingerprint)
    {
        using var store = new SqliteHistoryStore(recorded.HistoryPath);
        var direct = store.GetRecent("main", keys, Window, fingerprint);
        answer.Keys.Order(StringComparer.Ordinal).ShouldBe(direct.Keys.Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Describe(answer[key]).ShouldBe(Describe(direct[key]), key);
        }
    }

    private static string[] Describe(ImmutableArray<HistoryPoint> points) =>
        [.. points.Select(p => FormattableString.Invariant($"{p.RunId} {p.Timestamp:O} {p.Commit} {p.FingerprintKey} {p.Value:R} {p.AllocatedBytes:R} [{string.Join(' ', p.LaunchMedians)}]"))];

    private static string[] Keys(BenchmarkRun run) => SeriesKey.AllOf(run);

    private (CheckRequest Request, BenchmarkRun Baseline) Request()
    {
        var folder = recorded.Cli.Path("early-baseline");
        if (!Directory.Exists(folder))
        {
            BaselineStore.Update(ResultsLoader.Load([recorded.Source]), folder);
        }

        var request = new CheckRequest { Results = [], History = recorded.HistoryPath, Baseline = [folder] };
        return (request, BaselineStore.LoadAny([folder])!);
    }

    private CliEnvironment Environment() =>
        new(TextWriter.Null, TextWriter.Null, new Dictionary<string, string?>(), recorded.Cli.Directory, TimeProvider.System);
}
