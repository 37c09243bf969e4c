using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfGate.Core.History.Migrations;

namespace PerfGate.Core.History;

/// <summary>
/// The history in one embedded SQLite file (by default <c>.perfgate/history.db</c>, chosen by the CLI). Each call opens a
/// pooled connection with WAL, <c>synchronous=NORMAL</c>, <c>foreign_keys=ON</c> and the busy timeout, so several
/// instances and several processes can share one file: writers serialise on <c>BEGIN IMMEDIATE</c>, readers never wait.
/// Every storage problem surfaces as <see cref="HistoryException"/>; all values are bound as parameters.
/// </summary>
/// <remarks>See docs/history.md for the schema, retention and recovery.</remarks>
public sealed partial class SqliteHistoryStore : IHistoryOperations
{
    private readonly SqliteHistoryOptions _options;
    private readonly string _connectionString;

    // Series rows are never deleted and their ids never change, so a committed key → id mapping stays valid for
    // the life of the file; only ids of committed transactions are added.
    private readonly ConcurrentDictionary<string, long> _seriesIds = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Opens the history at <paramref name="path"/>, creating the folder and the file when missing and bringing the schema up to date.</summary>
    /// <exception cref="HistoryException">The file cannot be used (not a database, damaged, read-only, locked, newer schema).</exception>
    public SqliteHistoryStore(string path, SqliteHistoryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _options = options ?? SqliteHistoryOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BusyTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxStoredValuesPerResult, 0, nameof(options));
        Path = System.IO.Path.GetFullPath(path);
        PrepareLocation();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries BUSY itself until the command timeout; keep it in step with busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds)),
        }.ToString();

        SchemaVersion = Execute(connection =>
        {
            using (var wal = connection.CreateCommand())
            {
                // Persistent in the file header: set once, every later connection uses WAL.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            return MigrationRunner.Apply(connection, Path, MigrationRunner.All, _options.Clock.GetUtcNow());
        });
    }

    /// <summary>The full path of the history file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the file after opening (the newest this build knows).</summary>
    public int SchemaVersion { get; }

    /// <summary>Test seam: called inside the recording transaction after each result row, with its index.</summary>
    internal Action<int>? AfterResultWritten { get; set; }

    /// <summary>
    /// Runs SQLite's <c>quick_check</c> over the whole file (seconds for a large history): empty when the file is sound,
    /// else SQLite's findings. Opening checks only the header and the schema, so damage deeper in the file shows up
    /// here or when a damaged page is read.
    /// </summary>
    public IReadOnlyList<string> CheckIntegrity() => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        using var reader = command.ExecuteReader();
        var findings = new List<string>();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (!string.Equals(line, "ok", StringComparison.Ordinal))
            {
                findings.Add(line);
            }
        }

        return (IReadOnlyList<string>)findings;
    });

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void PrepareLocation()
    {
        if (Directory.Exists(Path))
        {
            throw new HistoryException(Path, HistoryFailure.CannotOpen, "the history path is a folder; give the path of a file (e.g. .perfgate/history.db).");
        }

        try
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(Path, HistoryFailure.CannotOpen, $"cannot create the history's folder ({exception.Message}).", exception);
        }

        // Checked here because SQLite would silently open a read-only file read-only and fail only at the first write;
        // (root passes permission checks, so this check is also what makes the behaviour the same for every user).
        if (File.Exists(Path) && File.GetAttributes(Path).HasFlag(FileAttributes.ReadOnly))
        {
            throw new HistoryException(Path, HistoryFailure.ReadOnly,
                "the history file is read-only. Make it writable (chmod u+w), or copy it somewhere writable and point PerfGate at the copy.");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // PRAGMAs take no parameters; the number is the store's own option, not input text.
            command.CommandText = "PRAGMA busy_timeout = "
                + ((long)_options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
                + "; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private T Execute<T>(Func<SqliteConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = Open();
            return work(connection);
        }
        catch (SqliteException exception)
        {
            throw Translate(exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(Path, HistoryFailure.IoError, exception.Message, exception);
        }
    }

    internal HistoryException Translate(SqliteException exception) => SqliteFailures.Translate(Path, exception, _options.BusyTimeout);

    private static SqliteParameter Parameter(SqliteCommand command, string name, SqliteType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.SqliteType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static object DbValue(object? value) => value is null or double.NaN or double.PositiveInfinity or double.NegativeInfinity ? DBNull.Value : value;

    private static double? NullableDouble(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
