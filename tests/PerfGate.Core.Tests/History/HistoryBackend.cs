using Npgsql;
using PerfGate.Core.History;
using PerfGate.Core.History.Postgres;

namespace PerfGate.Core.Tests.History;

/// <summary>
/// A fresh, empty history on one backend for one test: the store tests run unchanged against both. SQLite gets a temp
/// file; PostgreSQL gets its own schema in the throwaway server's database (scripts/with-postgres.sh), dropped afterwards,
/// so tests stay independent and can run in parallel.
/// </summary>
internal abstract class HistoryBackend : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Opens a store over this test's history (each call a new instance with its own connections, as another process would have).</summary>
    public abstract IHistoryOperations Open(int? maxStoredValuesPerResult = null);

    /// <summary>A count or other number read with a raw connection, outside the store's API.</summary>
    public abstract long Scalar(string sql);

    /// <summary>Sets the test seam called inside the recording transaction after each result row.</summary>
    public static void SetAfterResultWritten(IHistoryOperations store, Action<int>? hook)
    {
        switch (store)
        {
            case SqliteHistoryStore sqlite:
                sqlite.AfterResultWritten = hook;
                break;
            case PostgresHistoryStore postgres:
                postgres.AfterResultWritten = hook;
                break;
            default:
                throw new ArgumentException($"unknown store {store.GetType().Name}", nameof(store));
        }
    }

    public abstract void Dispose();
}

internal sealed class SqliteBackend : HistoryBackend
{
    private readonly TempHistory _temp = new();

    public override string Name => "sqlite";

    public string DbPath => _temp.DbPath;

    public override IHistoryOperations Open(int? maxStoredValuesPerResult = null) =>
        _temp.Open(maxStoredValuesPerResult is { } cap ? new SqliteHistoryOptions { MaxStoredValuesPerResult = cap } : null);

    public override long Scalar(string sql) => _temp.Scalar(sql);

    public override void Dispose() => _temp.Dispose();
}

/// <summary>One schema per test in the database PERFGATE_TEST_POSTGRES names; a missing variable fails the test (never a skip).</summary>
internal sealed class PostgresBackend : HistoryBackend
{
    public const string Variable = "PERFGATE_TEST_POSTGRES";

    public PostgresBackend(string project = "acme/widgets")
    {
        Project = project;
        Schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            connection.Open();
            // The schema name is generated above (hex), never input.
            using var command = new NpgsqlCommand($"CREATE SCHEMA {Schema};", connection);
            command.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = Schema }.ConnectionString;
    }

    /// <summary>The throwaway server's connection string (with its password).</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL history tests have no server. Run the tests through ./scripts/test.sh, or "
                + "./scripts/with-postgres.sh dotnet test ..., which start a throwaway PostgreSQL and set it. These tests never skip.");

    public override string Name => "postgres";

    public string Project { get; }

    public string Schema { get; }

    /// <summary>The server's connection string with <c>Search Path</c> set to this test's schema.</summary>
    public string ConnectionString { get; }

    public override IHistoryOperations Open(int? maxStoredValuesPerResult = null) => OpenProject(Project, maxStoredValuesPerResult);

    public PostgresHistoryStore OpenProject(string project, int? maxStoredValuesPerResult = null) => new(ConnectionString, new PostgresHistoryOptions
    {
        Project = project,
        MaxStoredValuesPerResult = maxStoredValuesPerResult ?? 200,
    });

    public override long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        try
        {
            using var connection = new NpgsqlConnection(ServerConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The cluster is removed after the run anyway.
        }
    }
}
