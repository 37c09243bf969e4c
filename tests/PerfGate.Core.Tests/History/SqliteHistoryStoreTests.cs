using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.History;

/// <summary>Against real SQLite files in a temp folder.</summary>
public sealed class SqliteHistoryStoreTests : IDisposable
{
    private static readonly HostFingerprint Machine = new("Debian 12", "CPU A", 2, ".NET 10.0", "X64", "0.14.0");
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Fixture.TempDir();

    private string DbPath => Path.Combine(_dir, "sub", "history.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static BenchmarkRun Run(double scale, HostFingerprint? host = null, params string[] methods) => new()
    {
        Host = host ?? Machine,
        Results = [.. (methods.Length == 0 ? ["Parse", "Format"] : methods).Select(m => new BenchmarkResult
        {
            Id = new BenchmarkId("Sample.Bench", m),
            Launches = [new Launch(1, [100 * scale, 101 * scale, 99 * scale]), new Launch(2, [110 * scale, 111 * scale, 109 * scale])],
            Statistics = new TimeStatistics(6, 105 * scale, 105 * scale, 5, 99 * scale, 111 * scale),
            AllocatedBytesPerOperation = 64,
        })],
        Metrics = [new MetricValue("SVC-001", "Container constructions", 1, "count", false, true)],
    };

    [Fact]
    public void A_recorded_run_reads_back_with_launch_medians_allocations_and_metrics()
    {
        using var store = new SqliteHistoryStore(DbPath);
        var id = store.RecordRun(new RecordedRun(Run(1), "main", "abc123", null, T0), []);

        var run = store.GetRun(id).ShouldNotBeNull();
        run.Branch.ShouldBe("main");
        run.Commit.ShouldBe("abc123");
        run.ResultCount.ShouldBe(2);
        var results = store.Results(id);
        var parse = results.Single(r => r.SeriesKey == "Sample.Bench.Parse");
        parse.LaunchMedians.ShouldBe([100.0, 110.0]);
        parse.AllocatedBytes.ShouldBe(64);
        parse.Raw.Length.ShouldBe(6);
        results.Single(r => r.SeriesKey == "metric:SVC-001").Value.ShouldBe(1);
    }

    [Fact]
    public void GetRecent_returns_the_newest_points_first_for_the_branch_and_machine_asked()
    {
        using (var store = new SqliteHistoryStore(DbPath))
        {
            for (var i = 1; i <= 5; i++)
            {
                store.RecordRun(new RecordedRun(Run(i), "main", $"m{i}", null, T0.AddHours(i)), []);
            }

            store.RecordRun(new RecordedRun(Run(100), "feature", "f1", 7, T0.AddHours(6)), []);
            store.RecordRun(new RecordedRun(Run(200, Machine with { Processor = "CPU B" }), "main", "m6", null, T0.AddHours(7)), []);
        }

        using var reopened = new SqliteHistoryStore(DbPath);
        var recent = reopened.GetRecent("main", ["Sample.Bench.Parse", "metric:SVC-001", "Sample.Bench.Missing"], 3, Machine.Key);

        recent.Keys.Order(StringComparer.Ordinal).ShouldBe(["Sample.Bench.Parse", "metric:SVC-001"]);
        recent["Sample.Bench.Parse"].Select(p => p.Commit).ShouldBe(["m5", "m4", "m3"]);
        recent["Sample.Bench.Parse"][0].Value.ShouldBe(105 * 5);
        recent["Sample.Bench.Parse"][0].LaunchMedians.ShouldBe([500.0, 550.0]);
        reopened.GetRecent("main", ["Sample.Bench.Parse"], 10)["Sample.Bench.Parse"].Length.ShouldBe(6);
    }

    [Fact]
    public void A_record_that_fails_midway_leaves_no_half_written_run()
    {
        using var store = new SqliteHistoryStore(DbPath);
        store.RecordRun(new RecordedRun(Run(1), "main", "ok", null, T0), []);
        var broken = new AlertRecord(Tier.Baseline, Severity.Error, "Sample.Bench.Parse", "time", 1, 1, 0, null!);

        Should.Throw<Exception>(() => store.RecordRun(new RecordedRun(Run(2), "main", "broken", null, T0.AddHours(1)), [broken]));

        store.Runs().Select(r => r.Commit).ShouldBe(["ok"]);
        store.FindRunsByCommit("broken").ShouldBeEmpty();
        store.Alerts().ShouldBeEmpty();
    }

    [Fact]
    public void Four_concurrent_writers_with_fifty_runs_each_lose_no_row()
    {
        using (new SqliteHistoryStore(DbPath))
        {
        }

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, writer =>
        {
            using var store = new SqliteHistoryStore(DbPath);
            for (var i = 0; i < 50; i++)
            {
                store.RecordRun(
                    new RecordedRun(Run(1 + i), "main", $"w{writer}-{i}", null, T0.AddMinutes((writer * 100) + i)),
                    [new AlertRecord(Tier.History, Severity.Warning, "Sample.Bench.Parse", "time", 2, 1, 100, "slower")]);
            }
        });

        using var check = new SqliteHistoryStore(DbPath);
        var runs = check.Runs();
        runs.Count.ShouldBe(200);
        runs.Select(r => r.Commit).Distinct().Count().ShouldBe(200);
        runs.ShouldAllBe(r => r.ResultCount == 2);
        check.Alerts().Count.ShouldBe(200);
    }

    [Fact]
    public void Prune_turns_old_runs_into_daily_aggregates_and_keeps_alerts()
    {
        using var store = new SqliteHistoryStore(DbPath);
        var now = T0.AddDays(40);
        store.RecordRun(new RecordedRun(Run(1), "main", "old1", null, T0), [new AlertRecord(Tier.Baseline, Severity.Error, "Sample.Bench.Parse", "time", 2, 1, 100, "old alert")]);
        store.RecordRun(new RecordedRun(Run(3), "main", "old2", null, T0.AddHours(2)), []);
        store.RecordRun(new RecordedRun(Run(1), "main", "recent", null, now.AddDays(-1)), []);

        var result = store.Prune(now);

        result.RunsAggregated.ShouldBe(2);
        result.AggregateRowsWritten.ShouldBe(3);   // Parse, Format and metric:SVC-001 on one day
        store.Runs().Select(r => r.Commit).ShouldBe(["recent"]);
        var alert = store.Alerts().ShouldHaveSingleItem();
        alert.Message.ShouldBe("old alert");
        alert.RunId.ShouldBeNull();
        // 400 days on, the recent run is aggregated too, and every aggregate is past the 365-day retention.
        store.Prune(now.AddDays(400)).AggregateRowsDeleted.ShouldBe(6);
        store.Runs().ShouldBeEmpty();
        store.Alerts().Count.ShouldBe(1);
    }

    [Fact]
    public void Acknowledging_an_alert_records_who_when_and_why()
    {
        using var store = new SqliteHistoryStore(DbPath);
        store.RecordRun(new RecordedRun(Run(1), "main", "a", null, T0), [new AlertRecord(Tier.Baseline, Severity.Error, "Sample.Bench.Parse", "time", 2, 1, 100, "slower")]);
        var id = store.Alerts().Single().Id;

        store.Acknowledge(id, "alice", "expected: new feature", T0.AddDays(1)).ShouldBeTrue();
        store.Acknowledge(id + 100, "alice", "none", T0).ShouldBeFalse();

        var alert = store.Alerts().Single();
        alert.Acknowledged.ShouldBeTrue();
        alert.AcknowledgedBy.ShouldBe("alice");
        alert.Notes.ShouldBe("expected: new feature");
        store.Alerts(unacknowledgedOnly: true).ShouldBeEmpty();
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_a_clear_error_naming_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, "this is not a database, just some text that is long enough to look like a header...");

        var e = Should.Throw<HistoryException>(() => new SqliteHistoryStore(DbPath));

        e.Message.ShouldContain(DbPath);
        e.Message.ShouldContain("corrupt");
    }

    [Fact]
    public void A_truncated_database_gives_a_clear_error()
    {
        using (var store = new SqliteHistoryStore(DbPath))
        {
            for (var i = 0; i < 30; i++)
            {
                store.RecordRun(new RecordedRun(Run(i + 1), "main", $"c{i}", null, T0.AddHours(i)), []);
            }
        }

        // Fold the WAL into the file, then cut the file in the middle of its pages.
        using (var store = new SqliteHistoryStore(DbPath))
        {
        }

        var bytes = File.ReadAllBytes(DbPath);
        File.Delete(DbPath + "-wal");
        File.Delete(DbPath + "-shm");
        var garbage = bytes.ToArray();
        new Random(1).NextBytes(garbage.AsSpan(100, Math.Min(4000, garbage.Length - 100)));
        File.WriteAllBytes(DbPath, garbage);

        var e = Should.Throw<HistoryException>(() =>
        {
            using var store = new SqliteHistoryStore(DbPath);
            store.GetRecent("main", ["Sample.Bench.Parse"], 20);
            store.Runs();
        });
        e.Message.ShouldContain(DbPath);
    }

    [Fact]
    public void A_history_locked_beyond_the_busy_timeout_gives_a_clear_error_and_writes_nothing()
    {
        using (var store = new SqliteHistoryStore(DbPath))
        {
            store.RecordRun(new RecordedRun(Run(1), "main", "first", null, T0), []);
        }

        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var e = Should.Throw<HistoryException>(() =>
        {
            using var store = new SqliteHistoryStore(DbPath, TimeSpan.FromMilliseconds(300));
            store.RecordRun(new RecordedRun(Run(2), "main", "second", null, T0.AddHours(1)), []);
        });

        e.Message.ShouldContain(DbPath);
        e.Message.ShouldContain("locked");
        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        using var check = new SqliteHistoryStore(DbPath);
        check.Runs().Select(r => r.Commit).ShouldBe(["first"]);
    }
}
