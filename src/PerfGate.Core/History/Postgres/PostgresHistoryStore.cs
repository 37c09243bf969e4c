using System.Collections.Concurrent;
using Npgsql;

namespace PerfGate.Core.History.Postgres;

/// <summary>
/// The history in a PostgreSQL database, for teams that outgrow one SQLite file: many repositories (each its own
/// <see cref="PostgresHistoryOptions.Project"/>), runners and processes recording at once through transactions rather
/// than file locks. The same tables, columns, migrations and answers as <see cref="SqliteHistoryStore"/>, plus a
/// <c>project</c> key. Every storage problem surfaces as <see cref="HistoryException"/>, and no message ever carries the
/// connection string's password. Tables live in the connection's current schema (set <c>Search Path</c> to choose one).
/// </summary>
/// <remarks>See docs/history.md ("PostgreSQL").</remarks>
public sealed partial class PostgresHistoryStore : IHistoryOperations
{
    private readonly PostgresHistoryOptions _options;
    private readonly PostgresLocation _location;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _project;

    // Series rows are never deleted and their ids never change: a committed key → id mapping stays valid.
    private readonly ConcurrentDictionary<string, long> _seriesIds = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Connects, and brings the schema up to date (creating the tables in an empty schema).</summary>
    /// <exception cref="HistoryException">The server cannot be reached, refuses the login, the schema is newer or foreign.</exception>
    public PostgresHistoryStore(string connectionString, PostgresHistoryOptions? options = null)
        : this(PostgresLocation.Parse(connectionString), options)
    {
    }

    public PostgresHistoryStore(PostgresLocation location, PostgresHistoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        _options = options ?? PostgresHistoryOptions.Default;
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.Project, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxStoredValuesPerResult, 0, nameof(options));
        _location = location;
        _project = _options.Project;
        Path = $"{location.Display} (project '{_project}')";
        var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString)
        {
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds)),
            PersistSecurityInfo = false,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "perfgate";
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            SchemaVersion = Execute(connection => PostgresMigrations.Apply(connection, Path, PostgresMigrations.All, _options.Clock.GetUtcNow()));
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The database and project, without the password: for messages.</summary>
    public string Path { get; }

    /// <summary>The repository whose runs this store reads and writes.</summary>
    public string Project => _project;

    /// <summary>The schema version after opening (the newest this build knows).</summary>
    public int SchemaVersion { get; }

    /// <summary>Test seam: called inside the recording transaction after each result row, with its index.</summary>
    internal Action<int>? AfterResultWritten { get; set; }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _dataSource.Dispose();
    }

    private NpgsqlConnection Open() => _dataSource.OpenConnection();

    private T Execute<T>(Func<NpgsqlConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = Open();
            return work(connection);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw Translate(exception);
        }
    }

    /// <summary>
    /// Runs a writing transaction, retrying it from the start when PostgreSQL aborts it for a serialization failure or a
    /// deadlock (both leave nothing behind), so concurrent recorders all get through.
    /// </summary>
    private T ExecuteWrite<T>(Func<NpgsqlConnection, T> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Execute(work);
            }
            catch (HistoryException exception) when (attempt < 5 && exception.InnerException is PostgresFailureDetail { Original: PostgresException { SqlState: "40001" or "40P01" } })
            {
                Thread.Sleep(Random.Shared.Next(5, 50) * attempt);
            }
        }
    }

    internal HistoryException Translate(Exception exception) => PostgresFailures.Translate(Path, _location, exception, _options.CommandTimeout);

    private static object DbValue(object? value) => value is null or double.NaN or double.PositiveInfinity or double.NegativeInfinity ? DBNull.Value : value;

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
