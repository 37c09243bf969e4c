using Microsoft.Data.Sqlite;
using Npgsql;
using PerfGate.Core.History;
using PerfGate.Core.History.Migrations;
using PerfGate.Core.History.Postgres;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History.Postgres;

/// <summary>
/// What only the PostgreSQL store has: projects sharing one database, its migrations (the same versions and columns
/// as SQLite's), and a password that never shows. The behaviour both stores share is tested on both in the History
/// folder's abstract test classes.
/// </summary>
public sealed class PostgresHistoryTests : IDisposable
{
    private readonly PostgresBackend _backend = new();

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void Two_projects_in_one_database_never_see_each_others_runs_series_alerts_or_targets()
    {
        using var widgets = _backend.OpenProject("acme/widgets");
        using var gadgets = _backend.OpenProject("acme/gadgets");
        var widgetRun = widgets.RecordRun(Run(T0, "main", ("Parse", 100)), [Alert("Parse", Severity.Error)]);
        var gadgetRun = gadgets.RecordRun(Run(T0.AddHours(1), "main", ("Parse", 900)), [Alert("Parse", Severity.Warning)]);
        widgets.UpsertTargets([new PerformanceTarget("metric:APP-001", 500, null, null, "ms")], T0);

        Values(widgets.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([100]);
        Values(gadgets.GetRecent("main", [Key("Parse")], 10), "Parse").ShouldBe([900]);
        widgets.GetLatestRun().ShouldNotBeNull().Id.ShouldBe(widgetRun);
        widgets.GetRun(gadgetRun).ShouldBeNull();
        widgets.LoadRun(gadgetRun).ShouldBeNull();
        widgets.GetResults(gadgetRun).ShouldBeEmpty();
        widgets.FindRunsByCommit(Run(T0.AddHours(1), "main").Commit![..8]).ShouldBeEmpty();
        widgets.StreamRuns(T0, T0.AddDays(1)).Select(r => r.Run.Id).ShouldBe([widgetRun]);
        widgets.GetAlerts(AlertFilter.All).ShouldHaveSingleItem().Severity.ShouldBe(Severity.Error);
        gadgets.GetTargets(includeInactive: true).ShouldBeEmpty();

        var gadgetAlert = gadgets.GetAlerts(AlertFilter.All).Single();
        widgets.Acknowledge(gadgetAlert.Id, "mallory", "not mine", T0).ShouldBeFalse();
        gadgets.GetAlerts(AlertFilter.All).Single().Acknowledged.ShouldBeFalse();

        // Each project's series rows are its own, so retention of one never touches the other's aggregates.
        _backend.Scalar("SELECT count(*) FROM series").ShouldBe(2);
        widgets.Prune(T0.AddDays(60)).RunsDeleted.ShouldBe(1);
        gadgets.GetRun(gadgetRun).ShouldNotBeNull();
        gadgets.GetDailyAggregates(Key("Parse")).ShouldBeEmpty();
        widgets.GetDailyAggregates(Key("Parse")).ShouldHaveSingleItem().MedianOfMedians.ShouldBe(100);
    }

    [Fact]
    public void The_schema_is_applied_once_even_when_many_processes_open_a_new_database_at_once()
    {
        var stores = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6).Select(_ => _backend.Open()).ToList();
        foreach (var store in stores)
        {
            ((PostgresHistoryStore)store).SchemaVersion.ShouldBe(PostgresMigrations.All[^1].Version);
            store.Dispose();
        }

        _backend.Scalar("SELECT count(*) FROM schema_version").ShouldBe(PostgresMigrations.All.Length);
        using var reopened = _backend.Open();
        _backend.Scalar("SELECT count(*) FROM schema_version").ShouldBe(PostgresMigrations.All.Length);
    }

    [Fact]
    public void A_schema_newer_than_this_build_is_refused_with_sqlites_message()
    {
        _backend.Open().Dispose();
        _backend.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'from the future', 0);");
        using var sqlite = new SqliteBackend();
        sqlite.Open().Dispose();
        sqlite.Scalar("PRAGMA user_version = 99; SELECT 0");

        var error = Should.Throw<HistoryException>(() => _backend.Open());
        var sqliteError = Should.Throw<HistoryException>(() => sqlite.Open());

        error.Failure.ShouldBe(HistoryFailure.NewerSchema);
        error.Problem.ShouldBe(sqliteError.Problem);
        error.Message.ShouldContain("postgresql://");
        error.Message.ShouldContain("99");
    }

    [Fact]
    public void A_failing_migration_leaves_the_previous_version_and_nothing_of_itself()
    {
        using var connection = new NpgsqlConnection(_backend.ConnectionString);
        connection.Open();
        var first = new Migration(1, "one", "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL); CREATE TABLE a (x integer);");
        var second = new Migration(2, "two", "INSERT INTO a VALUES (2);");
        var broken = new Migration(3, "broken", "INSERT INTO a VALUES (3); INSERT INTO no_such_table VALUES (1);");

        PostgresMigrations.Apply(connection, "test", [first], T0).ShouldBe(1);
        PostgresMigrations.Apply(connection, "test", [first, second], T0).ShouldBe(2);
        PostgresMigrations.Apply(connection, "test", [first, second], T0).ShouldBe(2);
        Should.Throw<PostgresException>(() => PostgresMigrations.Apply(connection, "test", [first, second, broken], T0));

        PostgresMigrations.ReadVersion(connection).ShouldBe(2);
        _backend.Scalar("SELECT count(*) FROM a").ShouldBe(1);
        _backend.Scalar("SELECT max(version) FROM schema_version").ShouldBe(2);
    }

    [Fact]
    public void Another_applications_tables_are_refused_and_left_alone()
    {
        _backend.Execute("CREATE TABLE runs (marathon text); INSERT INTO runs VALUES ('Berlin');");

        var error = Should.Throw<HistoryException>(() => _backend.Open());

        error.Failure.ShouldBe(HistoryFailure.ForeignDatabase);
        error.Message.ShouldContain("runs");
        _backend.Scalar("SELECT count(*) FROM runs").ShouldBe(1);
        _backend.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'").ShouldBe(0);
    }

    [Fact]
    public void The_migrations_have_sqlites_numbers_and_names_and_the_tables_have_sqlites_columns_plus_the_project()
    {
        PostgresMigrations.All.Select(m => (m.Version, m.Name)).ShouldBe(MigrationRunner.All.Select(m => (m.Version, m.Name)));

        using var sqlite = new SqliteBackend();
        sqlite.Open().Dispose();
        using var store = _backend.Open();
        using var sqliteConnection = new SqliteConnection($"Data Source={sqlite.DbPath};Pooling=False");
        sqliteConnection.Open();
        using var postgresConnection = new NpgsqlConnection(_backend.ConnectionString);
        postgresConnection.Open();
        foreach (var table in new[] { "schema_version", "runs", "series", "results", "result_samples", "alerts", "targets", "daily_aggregates", "run_steps", "result_rows" })
        {
            var sqliteColumns = new List<string>();
            using (var command = sqliteConnection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM pragma_table_info($table) ORDER BY cid;";
                command.Parameters.AddWithValue("$table", table);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    sqliteColumns.Add(reader.GetString(0));
                }
            }

            var postgresColumns = new List<string>();
            using (var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position;", postgresConnection))
            {
                command.Parameters.AddWithValue("table", table);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    postgresColumns.Add(reader.GetString(0));
                }
            }

            sqliteColumns.ShouldNotBeEmpty(table);
            postgresColumns.Where(c => c != "project").ShouldBe(sqliteColumns, table);
        }
    }

    [Fact]
    public void A_wrong_password_is_refused_without_the_password_in_any_message()
    {
        const string Secret = "Tr0ub4dor&3-never-print-me";
        var wrong = new NpgsqlConnectionStringBuilder(_backend.ConnectionString) { Password = Secret }.ConnectionString;

        var error = Should.Throw<HistoryException>(() => new PostgresHistoryStore(wrong));

        error.Failure.ShouldBe(HistoryFailure.CannotOpen);
        error.Message.ShouldContain("refused the login");
        error.ToString().ShouldNotContain(Secret);
        error.Path.ShouldNotContain(Secret);
    }

    [Fact]
    public void The_real_password_appears_in_no_error_path_or_message()
    {
        var password = new NpgsqlConnectionStringBuilder(_backend.ConnectionString).Password.ShouldNotBeNull();
        password.Length.ShouldBeGreaterThan(8);
        var missingDatabase = new NpgsqlConnectionStringBuilder(_backend.ConnectionString) { Database = "no_such_database" }.ConnectionString;
        var noServer = new NpgsqlConnectionStringBuilder(_backend.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var uri = $"postgres://perfgate:{Uri.EscapeDataString(password)}@127.0.0.1:1/perfgate";

        var errors = new[]
        {
            Should.Throw<HistoryException>(() => new PostgresHistoryStore(missingDatabase)),
            Should.Throw<HistoryException>(() => new PostgresHistoryStore(noServer)),
            Should.Throw<HistoryException>(() => new PostgresHistoryStore(uri)),
            Should.Throw<HistoryException>(() => new PostgresHistoryStore($"Host=127.0.0.1;Port=not-a-port;Password={password}")),
            Should.Throw<HistoryException>(() => new PostgresHistoryStore($"Host=127.0.0.1;Password={password}")),
        };

        errors[0].Message.ShouldContain("does not exist");
        errors[1].Message.ShouldContain("cannot use the PostgreSQL server");
        errors[3].Message.ShouldContain("cannot be read");
        errors[4].Message.ShouldContain("no database");
        foreach (var error in errors)
        {
            error.ToString().ShouldNotContain(password);
            error.ToString().ShouldNotContain(Uri.EscapeDataString(password));
        }

        using var store = _backend.Open();
        store.Path.ShouldNotContain(password);
        store.Path.ShouldBe($"postgresql://perfgate@127.0.0.1:{new NpgsqlConnectionStringBuilder(_backend.ConnectionString).Port}/perfgate (project 'acme/widgets')");
    }

    [Theory]
    [InlineData("Host=db.example.org;Database=perf;Username=ci;Password=s3cret", "postgresql://ci@db.example.org:5432/perf")]
    [InlineData("postgres://ci:s3cret@db.example.org:6543/perf?sslmode=disable", "postgresql://ci@db.example.org:6543/perf")]
    [InlineData("postgresql://ci:s%33cret@db.example.org/perf", "postgresql://ci@db.example.org:5432/perf")]
    public void Connection_strings_and_uris_are_recognised_and_named_without_the_password(string text, string display)
    {
        PostgresLocation.IsConnectionString(text).ShouldBeTrue();
        var location = PostgresLocation.Parse(text);
        location.Display.ShouldBe(display);
        location.Mask("the password is s3cret").ShouldBe("the password is ***");
        new NpgsqlConnectionStringBuilder(location.ConnectionString).Password.ShouldBe("s3cret");
    }

    [Theory]
    [InlineData(".perfgate/history.db")]
    [InlineData("/tmp/Host=x.db")]
    [InlineData("history.sqlite")]
    public void File_paths_are_not_connection_strings(string text) => PostgresLocation.IsConnectionString(text).ShouldBeFalse();
}
