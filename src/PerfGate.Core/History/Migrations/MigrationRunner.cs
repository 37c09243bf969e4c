using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History.Migrations;

/// <summary>Brings a history file to the newest schema this build knows, one migration per transaction.</summary>
internal static class MigrationRunner
{
    /// <summary>Every migration, in order. Append only.</summary>
    public static ImmutableArray<Migration> All { get; } = [Migration001InitialSchema.Instance, Migration002AcknowledgementReason.Instance, Migration003RunSteps.Instance];

    public static int LatestVersion => All[^1].Version;

    /// <summary>
    /// Applies the missing migrations. Each runs under <c>BEGIN IMMEDIATE</c> and re-reads the version inside the
    /// transaction, so two processes opening a new file at once apply each migration exactly once.
    /// </summary>
    /// <returns>The schema version after the call.</returns>
    public static int Apply(SqliteConnection connection, string path, ImmutableArray<Migration> migrations, DateTimeOffset now)
    {
        var known = migrations[^1].Version;
        var current = ReadVersion(connection);
        ThrowIfNewer(path, current, known);
        if (current == known)
        {
            return current;
        }

        if (current == 0)
        {
            ThrowIfForeign(connection, path);
        }

        foreach (var migration in migrations)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            current = ReadVersion(connection);
            ThrowIfNewer(path, current, known);
            if (migration.Version <= current)
            {
                continue;
            }

            using (var script = connection.CreateCommand())
            {
                script.CommandText = migration.Sql;
                script.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                // PRAGMA takes no parameters; the version is this assembly's own constant, never input.
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at); PRAGMA user_version = "
                    + migration.Version.ToString(CultureInfo.InvariantCulture) + ";";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            current = migration.Version;
        }

        return current;
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static void ThrowIfNewer(string path, int current, int known)
    {
        if (current > known)
        {
            throw new HistoryException(path, HistoryFailure.NewerSchema,
                $"the history has schema version {current}, but this PerfGate knows versions up to {known}; it was written by a newer PerfGate. "
                + "Upgrade perfgate, or point this one at another history file (the newer file is left untouched).");
        }
    }

    private static void ThrowIfForeign(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' LIMIT 1;";
        if (command.ExecuteScalar() is string table)
        {
            throw new HistoryException(path, HistoryFailure.ForeignDatabase,
                $"this is a SQLite database but not a PerfGate history (it has a table '{table}' and no PerfGate schema version). "
                + "Point PerfGate at another file; it will not write into this one.");
        }
    }
}
