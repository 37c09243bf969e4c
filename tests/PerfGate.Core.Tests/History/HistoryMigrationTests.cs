using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using PerfGate.Core.History;
using PerfGate.Core.History.Migrations;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public sealed class HistoryMigrationTests
{
    [Fact]
    public void Opening_a_new_path_creates_the_folder_the_file_and_the_latest_schema_in_WAL()
    {
        using var temp = new TempHistory();
        using (var store = temp.Open())
        {
            store.SchemaVersion.ShouldBe(MigrationRunner.LatestVersion);
        }

        File.Exists(temp.DbPath).ShouldBeTrue();
        temp.Scalar("PRAGMA user_version").ShouldBe(MigrationRunner.LatestVersion);
        temp.Scalar("SELECT max(version) FROM schema_version").ShouldBe(MigrationRunner.LatestVersion);
        temp.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'results', 'series', 'result_samples', 'alerts', 'targets', 'daily_aggregates', 'run_steps')").ShouldBe(8);
        using var connection = new SqliteConnection($"Data Source={temp.DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().ShouldBe("wal");
    }

    [Fact]
    public void Reopening_keeps_the_data_and_applies_nothing_twice()
    {
        using var temp = new TempHistory();
        long id;
        using (var store = temp.Open())
        {
            id = store.RecordRun(Run(T0, "main", ("Parse", 100)), []);
        }

        using (var store = temp.Open())
        {
            store.GetRun(id).ShouldNotBeNull().Branch.ShouldBe("main");
            store.GetResults(id).Single().Value.ShouldBe(100);
        }

        temp.Scalar("SELECT count(*) FROM schema_version").ShouldBe(MigrationRunner.All.Length);
    }

    [Fact]
    public void A_schema_newer_than_this_build_is_refused_with_the_path()
    {
        using var temp = new TempHistory();
        temp.Open().Dispose();
        temp.Scalar("PRAGMA user_version = 99; SELECT 0");

        var error = Should.Throw<HistoryException>(() => temp.Open());

        error.Failure.ShouldBe(HistoryFailure.NewerSchema);
        error.Message.ShouldContain(temp.DbPath);
        error.Message.ShouldContain("99");
    }

    [Fact]
    public void Migrations_run_in_order_once_each_and_a_failing_one_leaves_the_previous_version()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.DbPath)!);
        var first = new Migration(1, "one", "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL); CREATE TABLE a (x INTEGER);");
        var second = new Migration(2, "two", "INSERT INTO a VALUES (2);");
        var broken = new Migration(3, "broken", "INSERT INTO a VALUES (3); INSERT INTO no_such_table VALUES (1);");
        using var connection = new SqliteConnection($"Data Source={temp.DbPath};Pooling=False");
        connection.Open();

        MigrationRunner.Apply(connection, temp.DbPath, [first], T0).ShouldBe(1);
        MigrationRunner.Apply(connection, temp.DbPath, [first, second], T0).ShouldBe(2);
        MigrationRunner.Apply(connection, temp.DbPath, [first, second], T0).ShouldBe(2);
        Should.Throw<SqliteException>(() => MigrationRunner.Apply(connection, temp.DbPath, [first, second, broken], T0));

        MigrationRunner.ReadVersion(connection).ShouldBe(2);
        temp.Scalar("SELECT count(*) FROM a").ShouldBe(1);
        temp.Scalar("SELECT count(*) FROM schema_version").ShouldBe(2);
        temp.Scalar("SELECT max(version) FROM schema_version").ShouldBe(2);
    }

    [Fact]
    public void Another_applications_sqlite_database_is_refused_and_left_alone()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.DbPath)!);
        temp.Scalar("CREATE TABLE customers (id INTEGER); SELECT 0");

        var error = Should.Throw<HistoryException>(() => temp.Open());

        error.Failure.ShouldBe(HistoryFailure.ForeignDatabase);
        error.Message.ShouldContain("customers");
        temp.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").ShouldBe(0);
    }

    [Fact]
    public void The_known_migrations_are_numbered_one_up_without_gaps()
    {
        MigrationRunner.All.Select(m => m.Version).ShouldBe(Enumerable.Range(1, MigrationRunner.All.Length));
        ImmutableArray<Migration> all = MigrationRunner.All;
        all.ShouldAllBe(m => m.Name.Length > 0 && m.Sql.Length > 0);
    }
}
