using Npgsql;

namespace PerfGate.Cli.Tests.Postgres;

/// <summary>
/// A fresh schema in the throwaway PostgreSQL that scripts/with-postgres.sh starts (PERFGATE_TEST_POSTGRES), dropped at
/// the end: what a test gives perfgate as <c>--history</c> or PERFGATE_HISTORY. A missing server fails the test; never a skip.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        var server = Environment.GetEnvironmentVariable("PERFGATE_TEST_POSTGRES") is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException(
                "PERFGATE_TEST_POSTGRES is not set, so the PostgreSQL CLI tests have no server. Run the tests through ./scripts/test.sh, or "
                + "./scripts/with-postgres.sh dotnet test ..., which start a throwaway PostgreSQL and set it. These tests never skip.");
        Server = server;
        Schema = "c_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE SCHEMA {Schema};");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema }.ConnectionString;
        Password = new NpgsqlConnectionStringBuilder(server).Password!;
    }

    public string Server { get; }

    public string Schema { get; }

    /// <summary>The connection string with <c>Search Path</c> set to this test's schema (it holds the password).</summary>
    public string ConnectionString { get; }

    public string Password { get; }

    public long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Each run of the project with its number of results.</summary>
    public Dictionary<string, long> ResultsPerCommit(string project)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT u.commit_sha, (SELECT count(*) FROM results r WHERE r.run_id = u.id) FROM runs u WHERE u.project = @project;", connection);
        command.Parameters.AddWithValue("project", project);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts.Add(reader.GetString(0), reader.GetInt64(1));
        }

        return counts;
    }

    public void Dispose()
    {
        try
        {
            Execute(Server, $"DROP SCHEMA IF EXISTS {Schema} CASCADE;");
        }
        catch (NpgsqlException)
        {
            // The cluster is removed after the run anyway.
        }
    }

    // The schema name is generated here (hex), never input.
    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
