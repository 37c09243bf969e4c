using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PerfGate.Core.History;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public sealed class HistoryFaultTests
{
    [Fact]
    public void A_file_of_random_bytes_is_not_a_database_and_the_message_says_what_to_do()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.DbPath)!);
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(temp.DbPath, bytes);

        var error = Should.Throw<HistoryException>(() => temp.Open());

        error.Failure.ShouldBe(HistoryFailure.NotADatabase);
        error.Message.ShouldContain(temp.DbPath);
        error.Message.ShouldContain("Move the file aside");
        error.InnerException.ShouldBeOfType<SqliteException>();
    }

    [Fact]
    public void A_text_file_is_not_a_database()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.DbPath)!);
        File.WriteAllText(temp.DbPath, "{ \"this\": \"is json, not a history\" }\n" + new string('x', 4096));

        Should.Throw<HistoryException>(() => temp.Open()).Failure.ShouldBe(HistoryFailure.NotADatabase);
    }

    [Fact]
    public void A_truncated_history_fails_with_a_history_exception_naming_the_file()
    {
        using var temp = new TempHistory();
        using (var store = temp.Open())
        {
            SyntheticHistory.Generate(store, series: 40, runs: 60);
        }

        SqliteConnection.ClearAllPools();
        var length = new FileInfo(temp.DbPath).Length;
        using (var file = File.OpenWrite(temp.DbPath))
        {
            file.SetLength(length / 3);
        }

        var error = Should.Throw<HistoryException>(() =>
        {
            using var store = temp.Open();
            foreach (var run in store.StreamRuns(DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            {
                _ = run.Results.Length;
            }

            store.GetRecent("main", SyntheticHistory.SeriesKeys(40), 60);
            store.RecordRun(Run(T0, "main", ("Parse", 1)), []);
            store.CheckIntegrity().ShouldBeEmpty();
        });

        error.Failure.ShouldBeOneOf(HistoryFailure.Corrupt, HistoryFailure.NotADatabase);
        error.Message.ShouldContain(temp.DbPath);
        error.Message.ShouldContain("restore");
    }

    [Fact]
    public void Overwritten_pages_are_reported_as_damage()
    {
        using var temp = new TempHistory();
        using (var store = temp.Open())
        {
            SyntheticHistory.Generate(store, series: 40, runs: 60);
        }

        SqliteConnection.ClearAllPools();
        using (var file = File.OpenWrite(temp.DbPath))
        {
            var garbage = new byte[8 * 4096];
            new Random(3).NextBytes(garbage);
            file.Position = 4 * 4096;
            file.Write(garbage);
        }

        var error = Should.Throw<HistoryException>(() =>
        {
            using var store = temp.Open();
            store.GetRecent("main", SyntheticHistory.SeriesKeys(40), 60);
            foreach (var run in store.StreamRuns(DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            {
                _ = run.Results.Length;
            }

            store.CheckIntegrity().ShouldBeEmpty();
        });

        error.Message.ShouldContain(temp.DbPath);
    }

    [Fact]
    public void A_read_only_history_file_is_refused_clearly()
    {
        using var temp = new TempHistory();
        temp.Open().Dispose();
        SqliteConnection.ClearAllPools();
        File.SetAttributes(temp.DbPath, FileAttributes.ReadOnly);

        var error = Should.Throw<HistoryException>(() => temp.Open());

        error.Failure.ShouldBe(HistoryFailure.ReadOnly);
        error.Message.ShouldContain(temp.DbPath);
        error.Message.ShouldContain("read-only");
    }

    [Fact]
    public void A_folder_where_the_file_should_be_is_refused_clearly()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(temp.DbPath);

        Should.Throw<HistoryException>(() => temp.Open()).Failure.ShouldBe(HistoryFailure.CannotOpen);
    }

    [Fact]
    public void A_writer_holding_the_lock_beyond_the_busy_timeout_gives_a_clear_error()
    {
        using var temp = new TempHistory();
        using var store = temp.Open(new SqliteHistoryOptions { BusyTimeout = TimeSpan.FromSeconds(1) });
        using var other = new SqliteConnection($"Data Source={temp.DbPath};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);

        var watch = Stopwatch.StartNew();
        var error = Should.Throw<HistoryException>(() => store.RecordRun(Run(T0, "main", ("Parse", 1)), []));
        watch.Stop();

        error.Failure.ShouldBe(HistoryFailure.Locked);
        error.Message.ShouldContain(temp.DbPath);
        error.Message.ShouldContain("locked");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        store.GetRecent("main", [Key("Parse")], 5)[Key("Parse")].ShouldBeEmpty("readers are not blocked by a writer in WAL mode");

        hold.Rollback();
        store.RecordRun(Run(T0, "main", ("Parse", 1)), []).ShouldBePositive();
    }

    [Fact]
    public void A_disposed_store_refuses_calls()
    {
        using var temp = new TempHistory();
        var store = temp.Open();
        store.Dispose();

        Should.Throw<ObjectDisposedException>(() => store.GetLatestRun());
    }
}
