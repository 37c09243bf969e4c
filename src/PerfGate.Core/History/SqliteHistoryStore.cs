using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfGate.Core.Results;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>
/// The history in one SQLite file (docs/history.md): WAL journal, a busy timeout so concurrent gate processes wait
/// for each other instead of failing, one <c>BEGIN IMMEDIATE</c> transaction per recorded run, versioned migrations.
/// Every SQLite failure leaves as a <see cref="HistoryException"/> naming the file and the way out.
/// </summary>
public sealed class SqliteHistoryStore : IHistoryStore
{
    /// <summary>Raw values kept per result: enough for compare and tests, small enough for a year of runs.</summary>
    public const int MaxRawValues = 200;

    private readonly SqliteConnection _connection;

    public SqliteHistoryStore(string path, TimeSpan? busyTimeout = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        _connection = Guarded(() =>
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
            {
                Directory.CreateDirectory(dir);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
            }.ToString());
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;");
            // Checks the file really is a database before anything else touches it.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            Migrations.Apply(connection, Path);
            return connection;
        });
    }

    public string Path { get; }

    public long RecordRun(RecordedRun run, IReadOnlyList<AlertRecord> alerts) => Guarded(() =>
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var host = run.Run.Host;
        long runId;
        using (var insert = Command(transaction, """
            INSERT INTO runs (recorded_at, branch, commit_sha, pull_request, fingerprint, os, processor, cores, runtime, arch, bdn_version, detail, source)
            VALUES ($at, $branch, $commit, $pr, $fp, $os, $cpu, $cores, $runtime, $arch, $bdn, $detail, $source);
            SELECT last_insert_rowid();
            """))
        {
            insert.Parameters.AddWithValue("$at", run.Timestamp.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$branch", run.Branch);
            insert.Parameters.AddWithValue("$commit", (object?)run.Commit ?? DBNull.Value);
            insert.Parameters.AddWithValue("$pr", (object?)run.PullRequest ?? DBNull.Value);
            insert.Parameters.AddWithValue("$fp", host.Key);
            insert.Parameters.AddWithValue("$os", host.Os);
            insert.Parameters.AddWithValue("$cpu", host.Processor);
            insert.Parameters.AddWithValue("$cores", host.LogicalCores);
            insert.Parameters.AddWithValue("$runtime", host.Runtime);
            insert.Parameters.AddWithValue("$arch", host.Architecture);
            insert.Parameters.AddWithValue("$bdn", host.BenchmarkDotNetVersion);
            insert.Parameters.AddWithValue("$detail", run.Run.Detail.ToString());
            insert.Parameters.AddWithValue("$source", string.Join(';', run.Run.Sources));
            runId = (long)insert.ExecuteScalar()!;
        }

        using (var result = Command(transaction, """
            INSERT OR REPLACE INTO results (series, run_id, display_name, value, mean, stddev, min, max, n, launch_medians, allocated, raw, failed, unit)
            VALUES ($series, $run, $name, $value, $mean, $sd, $min, $max, $n, $launches, $alloc, $raw, $failed, $unit)
            """))
        {
            var p = result.Parameters;
            foreach (var name in new[] { "$series", "$run", "$name", "$value", "$mean", "$sd", "$min", "$max", "$n", "$launches", "$alloc", "$raw", "$failed", "$unit" })
            {
                p.Add(new SqliteParameter { ParameterName = name });
            }

            result.Prepare();
            foreach (var r in run.Run.Results)
            {
                var s = r.Statistics;
                var medians = r.Launches.Where(l => !l.NanosecondsPerOperation.IsDefaultOrEmpty).Select(l => Quantiles.Median(l.NanosecondsPerOperation)).ToArray();
                var raw = r.AllValues;
                Set(p, runId, r.Id.Key, r.Id.DisplayName, s?.Median, s?.Mean, s?.StandardDeviation, s?.Min, s?.Max, s?.N ?? 0,
                    medians.Length > 0 ? DoubleBlob.Encode(medians) : null,
                    r.AllocatedBytesPerOperation,
                    raw.Length > 0 ? DoubleBlob.Encode(raw.Length > MaxRawValues ? raw[..MaxRawValues] : raw) : null,
                    s is null,
                    "ns");
                result.ExecuteNonQuery();
                foreach (var m in r.Metrics.Where(m => !IsBenchmarkDotNetMetric(m)))
                {
                    Set(p, runId, SeriesKey.ForMetric(m.Id) + "@" + r.Id.Key, $"{m.Name} ({r.Id.DisplayName})", m.Value, null, null, null, null, 1, null, null, null, false, m.Unit);
                    result.ExecuteNonQuery();
                }
            }

            foreach (var m in run.Run.Metrics)
            {
                Set(p, runId, SeriesKey.ForMetric(m.Id), m.Name, m.Value, null, null, null, null, 1, null, null, null, false, m.Unit);
                result.ExecuteNonQuery();
            }
        }

        using (var alert = Command(transaction, """
            INSERT INTO alerts (run_id, triggered_at, branch, commit_sha, tier, severity, series, metric, current_value, expected_value, deviation_percent, message)
            VALUES ($run, $at, $branch, $commit, $tier, $severity, $series, $metric, $current, $expected, $deviation, $message)
            """))
        {
            foreach (var a in alerts)
            {
                alert.Parameters.Clear();
                alert.Parameters.AddWithValue("$run", runId);
                alert.Parameters.AddWithValue("$at", run.Timestamp.ToUnixTimeMilliseconds());
                alert.Parameters.AddWithValue("$branch", run.Branch);
                alert.Parameters.AddWithValue("$commit", (object?)run.Commit ?? DBNull.Value);
                alert.Parameters.AddWithValue("$tier", a.Tier.ToString().ToLowerInvariant());
                alert.Parameters.AddWithValue("$severity", a.Severity.ToString().ToLowerInvariant());
                alert.Parameters.AddWithValue("$series", a.SeriesKey);
                alert.Parameters.AddWithValue("$metric", a.Metric);
                alert.Parameters.AddWithValue("$current", Db(a.Current));
                alert.Parameters.AddWithValue("$expected", Db(a.Expected));
                alert.Parameters.AddWithValue("$deviation", Db(a.DeviationPercent));
                alert.Parameters.AddWithValue("$message", a.Message);
                alert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return runId;
    });

    public IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> GetRecent(string branch, IReadOnlyCollection<string> seriesKeys, int perSeries, string? fingerprintKey = null) => Guarded(() =>
    {
        // One short walk per series down the (series, run_id) primary key, newest run first: the rows of one series
        // sit together, so 1,000 series × 20 points read ~20,000 rows of a million-row table (measured faster than
        // one IN-list query over the newest runs, whose rows are scattered across the table).
        var map = new Dictionary<string, ImmutableArray<HistoryPoint>>(StringComparer.Ordinal);
        foreach (var key in seriesKeys)
        {
            if (RecentOfOne(key, branch, perSeries, fingerprintKey) is { Length: > 0 } points)
            {
                map[key] = points;
            }
        }

        return (IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>>)map;
    });

    /// <summary>One series' newest points, walking the (series, run_id) primary key backwards.</summary>
    private ImmutableArray<HistoryPoint> RecentOfOne(string series, string branch, int perSeries, string? fingerprintKey)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT r.run_id, u.recorded_at, u.commit_sha, u.fingerprint, r.value, r.allocated, r.launch_medians
            FROM results r JOIN runs u ON u.id = r.run_id
            WHERE r.series = $series AND u.branch = $branch AND ($fp IS NULL OR u.fingerprint = $fp) AND r.failed = 0 AND r.value IS NOT NULL
            ORDER BY r.run_id DESC
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$series", series);
        command.Parameters.AddWithValue("$branch", branch);
        command.Parameters.AddWithValue("$fp", (object?)fingerprintKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", perSeries);
        var points = ImmutableArray.CreateBuilder<HistoryPoint>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            points.Add(new HistoryPoint(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                DoubleBlob.Decode(reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6))));
        }

        return points.ToImmutable();
    }

    public StoredRun? LatestRun(string? branch = null) =>
        QueryRuns("WHERE ($branch IS NULL OR u.branch = $branch) ORDER BY u.id DESC LIMIT 1", c => c.Parameters.AddWithValue("$branch", (object?)branch ?? DBNull.Value)) is [var latest, ..] ? latest : null;

    public StoredRun? GetRun(long id) =>
        QueryRuns("WHERE u.id = $id", c => c.Parameters.AddWithValue("$id", id)) is [var run, ..] ? run : null;

    public IReadOnlyList<StoredRun> FindRunsByCommit(string commitPrefix) =>
        QueryRuns("WHERE u.commit_sha LIKE $prefix ESCAPE '\\' ORDER BY u.id DESC", c =>
            c.Parameters.AddWithValue("$prefix", commitPrefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));

    public IReadOnlyList<StoredRun> Runs(DateTimeOffset? since = null, string? branch = null) =>
        QueryRuns("WHERE ($since IS NULL OR u.recorded_at >= $since) AND ($branch IS NULL OR u.branch = $branch) ORDER BY u.recorded_at, u.id", c =>
        {
            c.Parameters.AddWithValue("$since", (object?)since?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            c.Parameters.AddWithValue("$branch", (object?)branch ?? DBNull.Value);
        });

    public IReadOnlyList<StoredResult> Results(long runId) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, series, display_name, value, mean, stddev, min, max, n, launch_medians, allocated, raw, failed, unit
            FROM results WHERE run_id = $run ORDER BY series
            """;
        command.Parameters.AddWithValue("$run", runId);
        using var reader = command.ExecuteReader();
        var list = new List<StoredResult>();
        while (reader.Read())
        {
            list.Add(new StoredResult(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                NullableDouble(reader, 3), NullableDouble(reader, 4), NullableDouble(reader, 5), NullableDouble(reader, 6), NullableDouble(reader, 7),
                reader.GetInt32(8),
                DoubleBlob.Decode(reader.IsDBNull(9) ? null : (byte[])reader.GetValue(9)),
                NullableDouble(reader, 10),
                DoubleBlob.Decode(reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11)),
                reader.GetInt64(12) != 0,
                reader.GetString(13)));
        }

        return (IReadOnlyList<StoredResult>)list;
    });

    public IReadOnlyList<StoredAlert> Alerts(DateTimeOffset? since = null, bool unacknowledgedOnly = false) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, run_id, triggered_at, branch, commit_sha, tier, severity, series, metric, current_value, expected_value, deviation_percent,
                   message, acknowledged, acknowledged_by, acknowledged_at, notes
            FROM alerts
            WHERE ($since IS NULL OR triggered_at >= $since) AND ($open = 0 OR acknowledged = 0)
            ORDER BY triggered_at DESC, id DESC
            """;
        command.Parameters.AddWithValue("$since", (object?)since?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$open", unacknowledgedOnly ? 1 : 0);
        using var reader = command.ExecuteReader();
        var list = new List<StoredAlert>();
        while (reader.Read())
        {
            list.Add(new StoredAlert(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Enum.Parse<Tier>(reader.GetString(5), ignoreCase: true),
                Enum.Parse<Severity>(reader.GetString(6), ignoreCase: true),
                reader.GetString(7),
                reader.GetString(8),
                NullableDouble(reader, 9),
                NullableDouble(reader, 10),
                NullableDouble(reader, 11),
                reader.GetString(12),
                reader.GetInt64(13) != 0,
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
                reader.IsDBNull(16) ? null : reader.GetString(16)));
        }

        return (IReadOnlyList<StoredAlert>)list;
    });

    public bool Acknowledge(long alertId, string by, string notes, DateTimeOffset at) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET acknowledged = 1, acknowledged_by = $by, acknowledged_at = $at, notes = $notes WHERE id = $id";
        command.Parameters.AddWithValue("$by", by);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$notes", notes);
        command.Parameters.AddWithValue("$id", alertId);
        return command.ExecuteNonQuery() == 1;
    });

    public PruneResult Prune(DateTimeOffset now, TimeSpan? rawRetention = null, TimeSpan? aggregateRetention = null) => Guarded(() =>
    {
        var rawCutoff = (now - (rawRetention ?? TimeSpan.FromDays(30))).ToUnixTimeMilliseconds();
        var aggregateCutoff = (now - (aggregateRetention ?? TimeSpan.FromDays(365))).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var transaction = _connection.BeginTransaction(deferred: false);
        var groups = new Dictionary<(string Day, string Branch, string Series, string Fingerprint), List<(double Value, double? Alloc)>>();
        var runIds = new HashSet<long>();
        using (var select = Command(transaction, """
            SELECT u.id, u.recorded_at, u.branch, u.fingerprint, r.series, r.value, r.allocated
            FROM runs u LEFT JOIN results r ON r.run_id = u.id AND r.failed = 0 AND r.value IS NOT NULL
            WHERE u.recorded_at < $cutoff
            """))
        {
            select.Parameters.AddWithValue("$cutoff", rawCutoff);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                runIds.Add(reader.GetInt64(0));
                if (reader.IsDBNull(4))
                {
                    continue;
                }

                var day = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var key = (day, reader.GetString(2), reader.GetString(4), reader.GetString(3));
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add((reader.GetDouble(5), NullableDouble(reader, 6)));
            }
        }

        using (var upsert = Command(transaction, """
            INSERT INTO daily_aggregates (day, branch, series, fingerprint, runs, median, min, max, p5, p95, allocated)
            VALUES ($day, $branch, $series, $fp, $runs, $median, $min, $max, $p5, $p95, $alloc)
            ON CONFLICT (day, branch, series, fingerprint) DO UPDATE SET
                runs = runs + excluded.runs, median = excluded.median, min = MIN(min, excluded.min), max = MAX(max, excluded.max),
                p5 = excluded.p5, p95 = excluded.p95, allocated = excluded.allocated
            """))
        {
            foreach (var (key, values) in groups)
            {
                var sorted = values.Select(v => v.Value).Order().ToArray();
                upsert.Parameters.Clear();
                upsert.Parameters.AddWithValue("$day", key.Day);
                upsert.Parameters.AddWithValue("$branch", key.Branch);
                upsert.Parameters.AddWithValue("$series", key.Series);
                upsert.Parameters.AddWithValue("$fp", key.Fingerprint);
                upsert.Parameters.AddWithValue("$runs", sorted.Length);
                upsert.Parameters.AddWithValue("$median", Quantiles.OfSorted(sorted, 0.5));
                upsert.Parameters.AddWithValue("$min", sorted[0]);
                upsert.Parameters.AddWithValue("$max", sorted[^1]);
                upsert.Parameters.AddWithValue("$p5", Quantiles.OfSorted(sorted, 0.05));
                upsert.Parameters.AddWithValue("$p95", Quantiles.OfSorted(sorted, 0.95));
                var allocs = values.Where(v => v.Alloc is not null).Select(v => v.Alloc!.Value).ToArray();
                upsert.Parameters.AddWithValue("$alloc", allocs.Length > 0 ? allocs.Average() : DBNull.Value);
                upsert.ExecuteNonQuery();
            }
        }

        using (var delete = Command(transaction, "DELETE FROM runs WHERE recorded_at < $cutoff"))
        {
            delete.Parameters.AddWithValue("$cutoff", rawCutoff);
            delete.ExecuteNonQuery();
        }

        int deletedAggregates;
        using (var delete = Command(transaction, "DELETE FROM daily_aggregates WHERE day < $cutoff"))
        {
            delete.Parameters.AddWithValue("$cutoff", aggregateCutoff);
            deletedAggregates = delete.ExecuteNonQuery();
        }

        transaction.Commit();
        return new PruneResult(runIds.Count, groups.Count, deletedAggregates);
    });

    public void Dispose() => _connection.Dispose();

    private IReadOnlyList<StoredRun> QueryRuns(string where, Action<SqliteCommand> bind) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            SELECT u.id, u.recorded_at, u.branch, u.commit_sha, u.pull_request, u.fingerprint, u.bdn_version,
                   (SELECT COUNT(*) FROM results r WHERE r.run_id = u.id AND r.series NOT LIKE 'metric:%')
            FROM runs u {where}
            """;
        bind(command);
        using var reader = command.ExecuteReader();
        var list = new List<StoredRun>();
        while (reader.Read())
        {
            list.Add(new StoredRun(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetInt32(7)));
        }

        return (IReadOnlyList<StoredRun>)list;
    });

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Set(SqliteParameterCollection p, long runId, string series, string name, double? value, double? mean, double? sd, double? min, double? max, int n, byte[]? launches, double? alloc, byte[]? raw, bool failed, string unit)
    {
        p["$series"].Value = series;
        p["$run"].Value = runId;
        p["$name"].Value = name;
        p["$value"].Value = Db(value);
        p["$mean"].Value = Db(mean);
        p["$sd"].Value = Db(sd);
        p["$min"].Value = Db(min);
        p["$max"].Value = Db(max);
        p["$n"].Value = n;
        p["$launches"].Value = (object?)launches ?? DBNull.Value;
        p["$alloc"].Value = Db(alloc);
        p["$raw"].Value = (object?)raw ?? DBNull.Value;
        p["$failed"].Value = failed ? 1 : 0;
        p["$unit"].Value = unit;
    }

    private static object Db(double? value) => value is { } v && double.IsFinite(v) ? v : DBNull.Value;

    private static double? NullableDouble(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);

    private static bool IsBenchmarkDotNetMetric(MetricValue m) =>
        m.Id.Contains("Gen", StringComparison.OrdinalIgnoreCase) || m.Id.Contains("Alloc", StringComparison.OrdinalIgnoreCase);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    private HistoryException Translate(SqliteException e) => e.SqliteErrorCode switch
    {
        11 or 26 => new HistoryException(
            $"{Path}: not a PerfGate history or corrupted ({e.Message.TrimEnd('.')}). Move it aside (mv '{Path}' '{Path}.corrupt') and restore the last good copy (docs/history.md: recovery); a new empty history is created on the next --record.", e),
        5 or 6 => new HistoryException($"{Path}: the history is locked by another process beyond the busy timeout; retry when it has finished.", e),
        8 => new HistoryException($"{Path}: the history is read-only; check the file's and its folder's permissions.", e),
        14 => new HistoryException($"{Path}: the history cannot be opened; check that its folder exists and is writable.", e),
        _ => new HistoryException($"{Path}: SQLite error {e.SqliteErrorCode}: {e.Message}", e),
    };
}
