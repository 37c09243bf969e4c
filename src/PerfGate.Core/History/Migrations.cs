using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

/// <summary>
/// Versioned schema changes, applied in order inside one transaction each; the version is <c>PRAGMA user_version</c>.
/// Append new steps; never edit a released one. The seeds' tables (§2.1) adapted to CI runs.
/// </summary>
internal static class Migrations
{
    public static readonly string[] Steps =
    [
        // 1: runs, results, alerts, targets, daily aggregates.
        """
        CREATE TABLE runs (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at   INTEGER NOT NULL,              -- unix milliseconds, UTC
            branch        TEXT NOT NULL,
            commit_sha    TEXT,
            pull_request  INTEGER,
            fingerprint   TEXT NOT NULL,
            os            TEXT NOT NULL,
            processor     TEXT NOT NULL,
            cores         INTEGER NOT NULL,
            runtime       TEXT NOT NULL,
            arch          TEXT NOT NULL,
            bdn_version   TEXT NOT NULL,
            detail        TEXT NOT NULL,
            source        TEXT
        );
        CREATE INDEX ix_runs_branch ON runs(branch, fingerprint, id DESC);
        CREATE INDEX ix_runs_recorded ON runs(recorded_at);
        CREATE INDEX ix_runs_commit ON runs(commit_sha);

        CREATE TABLE results (
            series          TEXT NOT NULL,               -- BenchmarkId.Key, or metric:ID
            run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            display_name    TEXT NOT NULL,
            value           REAL,                        -- median ns per op, or the metric's value
            mean            REAL,
            stddev          REAL,
            min             REAL,
            max             REAL,
            n               INTEGER NOT NULL DEFAULT 0,
            launch_medians  BLOB,                        -- float64 little-endian
            allocated       REAL,
            raw             BLOB,                        -- up to 200 raw values, float64 little-endian
            failed          INTEGER NOT NULL DEFAULT 0,
            unit            TEXT NOT NULL DEFAULT 'ns',
            PRIMARY KEY (series, run_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_results_run ON results(run_id);

        CREATE TABLE alerts (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id             INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            triggered_at       INTEGER NOT NULL,
            branch             TEXT NOT NULL,
            commit_sha         TEXT,
            tier               TEXT NOT NULL,
            severity           TEXT NOT NULL,
            series             TEXT NOT NULL,
            metric             TEXT NOT NULL,
            current_value      REAL,
            expected_value     REAL,
            deviation_percent  REAL,
            message            TEXT NOT NULL,
            acknowledged       INTEGER NOT NULL DEFAULT 0,
            acknowledged_by    TEXT,
            acknowledged_at    INTEGER,
            notes              TEXT
        );
        CREATE INDEX ix_alerts_triggered ON alerts(triggered_at);
        CREATE INDEX ix_alerts_series ON alerts(series);

        CREATE TABLE targets (
            series       TEXT PRIMARY KEY,
            name         TEXT,
            target       REAL NOT NULL,
            warning      REAL,
            error        REAL,
            unit         TEXT NOT NULL,
            updated_at   INTEGER NOT NULL,
            active       INTEGER NOT NULL DEFAULT 1
        );

        CREATE TABLE daily_aggregates (
            day          TEXT NOT NULL,                  -- yyyy-MM-dd, UTC
            branch       TEXT NOT NULL,
            series       TEXT NOT NULL,
            fingerprint  TEXT NOT NULL,
            runs         INTEGER NOT NULL,
            median       REAL,
            min          REAL,
            max          REAL,
            p5           REAL,
            p95          REAL,
            allocated    REAL,
            PRIMARY KEY (day, branch, series, fingerprint)
        );
        """,
    ];

    public static void Apply(SqliteConnection connection, string path)
    {
        // BEGIN IMMEDIATE first, then read the version: two processes opening a new file at once migrate it once.
        using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Steps.Length)
        {
            throw new HistoryException($"{path}: the history has schema version {version}, newer than this PerfGate knows ({Steps.Length}); update PerfGate");
        }

        for (var step = version; step < Steps.Length; step++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
