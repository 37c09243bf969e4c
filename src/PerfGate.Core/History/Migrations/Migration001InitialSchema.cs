namespace PerfGate.Core.History.Migrations;

/// <summary>
/// The tables of the seeds' design (§2.1 performance_baselines / alerts / targets, §6.2 daily aggregates) adapted to
/// CI runs: one row per run, one per result. Series keys live once in <c>series</c> and results refer to them by
/// integer id, which keeps a million result rows small and the hot index narrow; <c>result_rows</c> shows them
/// joined for people using the sqlite3 shell. Times are unix milliseconds (UTC).
/// </summary>
internal static class Migration001InitialSchema
{
    public static Migration Instance { get; } = new(1, "initial schema", Sql);

    private const string Sql = """
        CREATE TABLE schema_version (
            version     INTEGER PRIMARY KEY,
            name        TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        );

        -- AUTOINCREMENT: ids are never reused after retention deletes runs, so an alert's old run id never points at a newer run.
        CREATE TABLE runs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at      INTEGER NOT NULL,
            commit_sha       TEXT,
            branch           TEXT    NOT NULL,
            pull_request     INTEGER,
            fingerprint_key  TEXT    NOT NULL,
            os               TEXT    NOT NULL,
            processor        TEXT    NOT NULL,
            logical_cores    INTEGER NOT NULL,
            runtime          TEXT    NOT NULL,
            architecture     TEXT    NOT NULL,
            bdn_version      TEXT    NOT NULL,
            detail           TEXT    NOT NULL,
            source           TEXT    NOT NULL
        );
        CREATE INDEX ix_runs_branch_time ON runs (branch, recorded_at DESC, id DESC);
        CREATE INDEX ix_runs_branch_fingerprint_time ON runs (branch, fingerprint_key, recorded_at DESC, id DESC);
        CREATE INDEX ix_runs_time ON runs (recorded_at);
        CREATE INDEX ix_runs_commit ON runs (commit_sha);

        -- One row per series ever seen; never deleted (aggregates refer to it).
        CREATE TABLE series (
            id            INTEGER PRIMARY KEY,
            key           TEXT NOT NULL UNIQUE,
            kind          TEXT NOT NULL CHECK (kind IN ('benchmark', 'metric')),
            type          TEXT,
            method        TEXT,
            parameters    TEXT,
            job           TEXT,
            display_name  TEXT NOT NULL,
            full_name     TEXT NOT NULL
        );

        -- Times in ns per operation; for a run-level metric (series 'metric:ID') median_ns holds the value.
        CREATE TABLE results (
            id               INTEGER PRIMARY KEY,
            run_id           INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            series_id        INTEGER NOT NULL REFERENCES series (id),
            median_ns        REAL,
            mean_ns          REAL,
            stddev_ns        REAL,
            stderr_ns        REAL,
            min_ns           REAL,
            max_ns           REAL,
            p5_ns            REAL,
            p95_ns           REAL,
            n                INTEGER NOT NULL DEFAULT 0,
            launch_count     INTEGER NOT NULL DEFAULT 0,
            launch_medians   BLOB,
            allocated_bytes  REAL,
            failed           INTEGER NOT NULL DEFAULT 0,
            UNIQUE (run_id, series_id)
        );
        CREATE INDEX ix_results_series_run ON results (series_id, run_id);

        -- The bulky part of a result, apart so the hot query reads narrow rows.
        -- raw_values: float64 little-endian, at most the store's cap, sampled evenly per launch;
        -- launch_layout: 'index:count,...' of the stored values; metrics: JSON array of MetricValue.
        CREATE TABLE result_samples (
            result_id      INTEGER PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
            raw_values     BLOB,
            raw_count      INTEGER NOT NULL,
            launch_layout  TEXT,
            metrics        TEXT
        );

        -- Kept forever; run_id goes NULL when retention deletes the run, so what an alert needs is copied onto it.
        CREATE TABLE alerts (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id             INTEGER REFERENCES runs (id) ON DELETE SET NULL,
            triggered_at       INTEGER NOT NULL,
            branch             TEXT    NOT NULL,
            commit_sha         TEXT,
            pull_request       INTEGER,
            fingerprint_key    TEXT    NOT NULL,
            tier               TEXT    NOT NULL,
            severity           TEXT    NOT NULL,
            series_key         TEXT    NOT NULL,
            metric             TEXT    NOT NULL,
            current_value      REAL,
            expected_value     REAL,
            deviation_percent  REAL,
            message            TEXT    NOT NULL,
            acknowledged       INTEGER NOT NULL DEFAULT 0,
            acknowledged_by    TEXT,
            acknowledged_at    INTEGER,
            notes              TEXT
        );
        CREATE INDEX ix_alerts_triggered ON alerts (triggered_at);
        CREATE INDEX ix_alerts_run ON alerts (run_id);
        CREATE INDEX ix_alerts_open ON alerts (acknowledged, triggered_at);

        CREATE TABLE targets (
            series_key   TEXT    PRIMARY KEY,
            target       REAL    NOT NULL,
            warning      REAL,
            error        REAL,
            unit         TEXT    NOT NULL,
            description  TEXT,
            updated_at   INTEGER NOT NULL,
            active       INTEGER NOT NULL DEFAULT 1
        );

        CREATE TABLE daily_aggregates (
            day                TEXT    NOT NULL,
            branch             TEXT    NOT NULL,
            series_id          INTEGER NOT NULL REFERENCES series (id),
            fingerprint_key    TEXT    NOT NULL,
            runs               INTEGER NOT NULL,
            median_of_medians  REAL    NOT NULL,
            min                REAL    NOT NULL,
            max                REAL    NOT NULL,
            p5                 REAL    NOT NULL,
            p95                REAL    NOT NULL,
            mean_allocated     REAL,
            PRIMARY KEY (day, branch, series_id, fingerprint_key)
        );
        CREATE INDEX ix_daily_aggregates_series ON daily_aggregates (series_id, branch, day);

        CREATE VIEW result_rows AS
            SELECT r.*, s.key AS series_key, s.display_name, s.full_name
            FROM results r JOIN series s ON s.id = r.series_id;
        """;
}
