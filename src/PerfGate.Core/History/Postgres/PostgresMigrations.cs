using System.Collections.Immutable;
using Npgsql;
using NpgsqlTypes;
using PerfGate.Core.History.Migrations;

namespace PerfGate.Core.History.Postgres;

/// <summary>
/// The PostgreSQL schema, versioned like SQLite's (Migrations/): the same numbers mean the same change, so a history
/// at version N has the same tables and columns on both backends (PostgreSQL adds the <c>project</c> key).
/// To add a column, append one migration here and its SQLite twin to <see cref="MigrationRunner.All"/>, e.g.
/// <c>new(2, "alert reason", "ALTER TABLE alerts ADD COLUMN reason text;")</c>.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>Every migration, in order. Append only; never edit a released one.</summary>
    public static ImmutableArray<Migration> All { get; } =
    [
        new(1, "initial schema", InitialSchema),
        new(2, "acknowledgement reason", """
            ALTER TABLE alerts ADD COLUMN acknowledgement_reason text
                CHECK (acknowledgement_reason IS NULL OR acknowledgement_reason IN ('real', 'expected', 'false-alarm', 'environment'));
            """),
        new(3, "run steps", """
            CREATE TABLE run_steps (
                run_id      bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
                trend_key   text   NOT NULL,
                window_key  text   NOT NULL,
                steps       bytea  NOT NULL
            );
            """),
    ];

    // Chosen once ("PG"); the lock is per schema (the second key hashes current_schema()), so schemas never wait on each other.
    private const int LockKey = 0x5047;

    /// <summary>
    /// Applies the missing migrations in one transaction under an advisory lock, re-reading the version under it, so
    /// processes opening a new database at once apply each migration exactly once; refuses a newer schema with SQLite's error.
    /// </summary>
    public static int Apply(NpgsqlConnection connection, string display, ImmutableArray<Migration> migrations, DateTimeOffset now)
    {
        var known = migrations[^1].Version;
        var current = ReadVersion(connection);
        MigrationRunner.ThrowIfNewer(display, current, known);
        if (current == known)
        {
            return current;
        }

        // A session lock taken before the transaction starts: the transaction then begins after the previous holder's
        // commit and sees its tables (a lock taken inside it would leave this backend's catalog cache from before them).
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key, hashtext(current_schema()));", connection))
        {
            lockCommand.Parameters.AddWithValue("key", NpgsqlDbType.Integer, LockKey);
            lockCommand.ExecuteNonQuery();
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            current = ReadVersion(connection);
            MigrationRunner.ThrowIfNewer(display, current, known);
            if (current == 0)
            {
                ThrowIfForeign(connection, display);
            }

            foreach (var migration in migrations.Where(m => m.Version > current))
            {
                using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    script.ExecuteNonQuery();
                }

                using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at);", connection, transaction);
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("at", now.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
                current = migration.Version;
            }

            transaction.Commit();
            return current;
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key, hashtext(current_schema()));", connection);
            unlock.Parameters.AddWithValue("key", NpgsqlDbType.Integer, LockKey);
            unlock.ExecuteNonQuery();
        }
    }

    /// <summary>The newest applied version in the connection's schema; 0 when there is no <c>schema_version</c> table.</summary>
    public static int ReadVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL;", connection);
        if (command.ExecuteScalar() is not true)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ThrowIfForeign(NpgsqlConnection connection, string display)
    {
        using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('runs', 'series', 'results', 'alerts', 'targets', 'daily_aggregates') LIMIT 1;",
            connection);
        if (command.ExecuteScalar() is string table)
        {
            throw new HistoryException(display, HistoryFailure.ForeignDatabase,
                $"this PostgreSQL schema has a table '{table}' but no PerfGate schema version: it is not a PerfGate history. "
                + "Point PerfGate at another database (or set Search Path to an empty schema); it will not write into this one.");
        }
    }

    private const string InitialSchema = """
        CREATE TABLE schema_version (
            version     integer PRIMARY KEY,
            name        text    NOT NULL,
            applied_at  bigint  NOT NULL
        );

        -- Identity ids are never reused after retention deletes runs (as SQLite's AUTOINCREMENT). Times are unix ms (UTC).
        CREATE TABLE runs (
            id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            project          text    NOT NULL,
            recorded_at      bigint  NOT NULL,
            commit_sha       text,
            branch           text    NOT NULL,
            pull_request     integer,
            fingerprint_key  text    NOT NULL,
            os               text    NOT NULL,
            processor        text    NOT NULL,
            logical_cores    integer NOT NULL,
            runtime          text    NOT NULL,
            architecture     text    NOT NULL,
            bdn_version      text    NOT NULL,
            detail           text    NOT NULL,
            source           text    NOT NULL
        );
        CREATE INDEX ix_runs_branch_time ON runs (project, branch, recorded_at DESC, id DESC);
        CREATE INDEX ix_runs_time ON runs (project, recorded_at);
        CREATE INDEX ix_runs_commit ON runs (project, commit_sha);

        -- One row per series of a project ever seen; never deleted (aggregates refer to it).
        CREATE TABLE series (
            id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            project       text NOT NULL,
            key           text NOT NULL,
            kind          text NOT NULL CHECK (kind IN ('benchmark', 'metric')),
            type          text,
            method        text,
            parameters    text,
            job           text,
            display_name  text NOT NULL,
            full_name     text NOT NULL,
            UNIQUE (project, key)
        );

        CREATE TABLE results (
            id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            run_id           bigint  NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            series_id        bigint  NOT NULL REFERENCES series (id),
            median_ns        double precision,
            mean_ns          double precision,
            stddev_ns        double precision,
            stderr_ns        double precision,
            min_ns           double precision,
            max_ns           double precision,
            p5_ns            double precision,
            p95_ns           double precision,
            n                integer NOT NULL DEFAULT 0,
            launch_count     integer NOT NULL DEFAULT 0,
            launch_medians   bytea,
            allocated_bytes  double precision,
            failed           boolean NOT NULL DEFAULT false,
            UNIQUE (run_id, series_id)
        );
        CREATE INDEX ix_results_series_run ON results (series_id, run_id);

        CREATE TABLE result_samples (
            result_id      bigint  PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
            raw_values     bytea,
            raw_count      integer NOT NULL,
            launch_layout  text,
            metrics        text
        );

        CREATE TABLE alerts (
            id                 bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            project            text    NOT NULL,
            run_id             bigint  REFERENCES runs (id) ON DELETE SET NULL,
            triggered_at       bigint  NOT NULL,
            branch             text    NOT NULL,
            commit_sha         text,
            pull_request       integer,
            fingerprint_key    text    NOT NULL,
            tier               text    NOT NULL,
            severity           text    NOT NULL,
            series_key         text    NOT NULL,
            metric             text    NOT NULL,
            current_value      double precision,
            expected_value     double precision,
            deviation_percent  double precision,
            message            text    NOT NULL,
            acknowledged       boolean NOT NULL DEFAULT false,
            acknowledged_by    text,
            acknowledged_at    bigint,
            notes              text
        );
        CREATE INDEX ix_alerts_triggered ON alerts (project, triggered_at);
        CREATE INDEX ix_alerts_run ON alerts (run_id);
        CREATE INDEX ix_alerts_open ON alerts (project, acknowledged, triggered_at);

        CREATE TABLE targets (
            project      text    NOT NULL,
            series_key   text    NOT NULL,
            target       double precision NOT NULL,
            warning      double precision,
            error        double precision,
            unit         text    NOT NULL,
            description  text,
            updated_at   bigint  NOT NULL,
            active       boolean NOT NULL DEFAULT true,
            PRIMARY KEY (project, series_key)
        );

        CREATE TABLE daily_aggregates (
            day                text    NOT NULL,
            branch             text    NOT NULL,
            series_id          bigint  NOT NULL REFERENCES series (id),
            fingerprint_key    text    NOT NULL,
            runs               integer NOT NULL,
            median_of_medians  double precision NOT NULL,
            min                double precision NOT NULL,
            max                double precision NOT NULL,
            p5                 double precision NOT NULL,
            p95                double precision NOT NULL,
            mean_allocated     double precision,
            PRIMARY KEY (day, branch, series_id, fingerprint_key)
        );
        CREATE INDEX ix_daily_aggregates_series ON daily_aggregates (series_id, branch, day);

        CREATE VIEW result_rows AS
            SELECT r.*, s.project, s.key AS series_key, s.display_name, s.full_name
            FROM results r JOIN series s ON s.id = r.series_id;
        """;
}
