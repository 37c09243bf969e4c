using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History.Postgres;

/// <summary>
/// <see cref="HistoryCopy"/> between a real SQLite file and a real PostgreSQL schema, both ways: everything a history
/// holds comes back equal (runs, results with their stored samples, alerts with acknowledgements and pruned runs,
/// targets, daily aggregates), compared through a dump of the whole history with ids replaced by positions.
/// </summary>
public sealed class HistoryCopyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    private readonly SqliteBackend _sqlite = new();
    private readonly SqliteBackend _sqliteBack = new();
    private readonly PostgresBackend _postgres = new();

    public void Dispose()
    {
        _sqlite.Dispose();
        _sqliteBack.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public void Sqlite_to_postgres_and_back_keeps_everything()
    {
        using (var source = _sqlite.Open(maxStoredValuesPerResult: 12))
        {
            Fill(source);
        }

        using var original = _sqlite.Open();
        var expected = Dump(original);
        expected.ShouldContain("\"Acknowledged\": true");
        expected.ShouldContain("\"RunIndex\": null");

        using (var postgres = _postgres.Open())
        {
            var counts = HistoryCopy.Copy(original, postgres);
            counts.ShouldBe(new HistoryCopyCounts(Runs: 4, Results: 18, Alerts: 4, Targets: 2, Aggregates: 2));
            Dump(postgres).ShouldBe(expected);
        }

        using var fromPostgres = _postgres.Open();
        using var back = _sqliteBack.Open();
        HistoryCopy.Copy(fromPostgres, back).Runs.ShouldBe(4);
        Dump(back).ShouldBe(expected);

        // And the copies work as histories: the gate's query reads the same points.
        var keys = new[] { Key("Parse"), Key("Big"), "metric:API-002" };
        JsonSerializer.Serialize(back.GetRecent("main", keys, 10).OrderBy(k => k.Key).Select(k => k.Value.Select(p => (p.Value, p.Timestamp))), Json)
            .ShouldBe(JsonSerializer.Serialize(original.GetRecent("main", keys, 10).OrderBy(k => k.Key).Select(k => k.Value.Select(p => (p.Value, p.Timestamp))), Json));
    }

    [Fact]
    public void A_target_that_is_not_empty_is_refused_unless_appending_and_nothing_is_written()
    {
        using var source = _sqlite.Open();
        source.RecordRun(Run(Now.AddDays(-1), "main", ("Parse", 100)), [Alert("Parse", Severity.Warning)]);
        using var postgres = _postgres.Open();
        postgres.RecordRun(Run(Now.AddDays(-2), "main", ("Other", 5)), []);

        var error = Should.Throw<HistoryException>(() => HistoryCopy.Copy(source, postgres));
        error.Message.ShouldContain("not empty");
        _postgres.Scalar("SELECT count(*) FROM runs").ShouldBe(1);
        _postgres.Scalar("SELECT count(*) FROM alerts").ShouldBe(0);

        HistoryCopy.Copy(source, postgres, append: true).Runs.ShouldBe(1);
        Values(postgres.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([100]);
        postgres.GetAlerts(AlertFilter.All).ShouldHaveSingleItem().RunId.ShouldBe(postgres.GetLatestRun()!.Id);
    }

    [Fact]
    public void Another_project_in_the_same_database_does_not_make_the_target_non_empty()
    {
        using (var other = _postgres.OpenProject("someone/else"))
        {
            other.RecordRun(Run(Now, "main", ("Parse", 1)), []);
        }

        using var source = _sqlite.Open();
        source.RecordRun(Run(Now, "main", ("Parse", 2)), []);
        using var mine = _postgres.Open();
        HistoryCopy.Copy(source, mine).Runs.ShouldBe(1);
        Values(mine.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([2]);
    }

    /// <summary>Every kind of row: failed, statistics-only, capped and metric results; pruned runs' aggregates and alerts; targets.</summary>
    private static void Fill(IHistoryOperations store)
    {
        // Old runs, pruned below into daily aggregates; their alerts stay with a NULL run.
        store.RecordRun(Run(Now.AddDays(-60), "main", ("Parse", 100), ("Load", 7)), [Alert("Parse", Severity.Error)]);
        store.RecordRun(Run(Now.AddDays(-60).AddHours(2), "main", ("Parse", 120)), []);
        store.Prune(Now);

        var big = Result("Big", 1000, allocated: 64) with
        {
            Launches = [.. Enumerable.Range(1, 3).Select(l => new Launch(l, [.. Enumerable.Range(0, 40).Select(v => (l * 1000.0) + v)]))],
            Metrics = [new MetricValue("Gen0", "Gen 0 / 1k op", double.NaN, "count", false, false)],
        };
        var failed = new BenchmarkResult { Id = Id("Broken"), FullName = "PerfGate.Benchmarks.ValidationBenchmarks.Broken" };
        var brief = Result("Brief", 10) with { Launches = [], OriginalValues = [9.5, 10, 10.5] };
        for (var i = 0; i < 4; i++)
        {
            var run = new RecordedRun
            {
                Run = new BenchmarkRun
                {
                    Host = i == 3 ? Laptop : Ci,
                    Results = [Result("Parse", 100 + i), big, failed, brief],
                    Metrics = i % 2 == 0 ? [new MetricValue("API-002", "Prompt tokens", 3000 + i, "tokens", false, true)] : [],
                    Detail = i == 2 ? ResultDetail.StatisticsOnly : ResultDetail.Measurements,
                    Sources = ["a.json", "b.json"],
                },
                Branch = i == 1 ? "feature/x" : "main",
                Commit = i == 0 ? null : $"{i:x}".PadLeft(40, 'c'),
                PullRequest = i == 1 ? 42 : null,
                Timestamp = Now.AddDays(-3).AddHours(i),
            };
            store.RecordRun(run, i == 0 ? [Alert("Parse", Severity.Warning), Alert("Big", Severity.Critical, Tier.Trend)] : i == 3 ? [new AlertRecord(Tier.Target, Severity.Error, "metric:API-002", "API-002", double.NaN, 3000, double.NaN, "no figure")] : []);
        }

        var acknowledged = store.GetAlerts(AlertFilter.All).Single(a => a.Severity == Severity.Critical);
        store.Acknowledge(acknowledged.Id, "alice", "expected: bigger input", Now.AddDays(-2)).ShouldBeTrue();
        store.UpsertTargets([new PerformanceTarget("metric:API-002", 3000, 3500, 4000, "tokens", "Prompt budget"), new PerformanceTarget("metric:APP-001", 500, null, null, "ms")], Now.AddDays(-5));
        store.UpsertTargets([new PerformanceTarget("metric:API-002", 3000, 3500, 4000, "tokens", "Prompt budget")], Now.AddDays(-4), deactivateMissing: true);
    }

    /// <summary>The whole history as text, ids replaced by positions (a copy gives new ids).</summary>
    private static string Dump(IHistoryOperations store)
    {
        var runs = store.StreamRuns(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToList();
        var position = runs.Select((r, i) => (r.Run.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var transfer = (IHistoryTransfer)store;
        return JsonSerializer.Serialize(new
        {
            Runs = runs.Select(r => new
            {
                Run = r.Run with { Id = 0 },
                Results = r.Results.Select(x => new
                {
                    x.SeriesKey,
                    x.DisplayName,
                    x.FullName,
                    x.Benchmark,
                    x.Metric,
                    x.LaunchMedians,
                    x.OriginalValueCount,
                }),
            }),
            Alerts = store.GetAlerts(AlertFilter.All).Select(a => new { Alert = a with { Id = 0, RunId = null }, RunIndex = a.RunId is { } id ? position[id] : (int?)null }),
            Targets = store.GetTargets(includeInactive: true),
            Aggregates = transfer.GetAllDailyAggregates(),
            Series = transfer.GetAllSeries().OrderBy(s => s.Key, StringComparer.Ordinal),
        }, Json);
    }
}
