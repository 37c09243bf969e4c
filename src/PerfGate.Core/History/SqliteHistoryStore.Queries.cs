using System.Collections.Immutable;
using PerfGate.Core.Statistics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    private const string RunColumns =
        "id, recorded_at, commit_sha, branch, pull_request, os, processor, logical_cores, runtime, architecture, bdn_version, detail, source";

    /// <inheritdoc />
    public StoredRun? GetLatestRun(string? branch = null) => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = branch is null
            ? $"SELECT {RunColumns} FROM runs ORDER BY recorded_at DESC, id DESC LIMIT 1;"
            : $"SELECT {RunColumns} FROM runs WHERE branch = $branch ORDER BY recorded_at DESC, id DESC LIMIT 1;";
        if (branch is not null)
        {
            command.Parameters.AddWithValue("$branch", branch);
        }

        return ReadRuns(command).FirstOrDefault();
    });

    /// <inheritdoc />
    public StoredRun? GetRun(long runId) => Execute(connection => FindRun(connection, runId));

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> FindRunsByCommit(string commitPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commitPrefix);
        return Execute(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {RunColumns} FROM runs WHERE lower(substr(commit_sha, 1, length($prefix))) = $prefix ORDER BY recorded_at DESC, id DESC;";
            command.Parameters.AddWithValue("$prefix", commitPrefix.Trim().ToLowerInvariant());
            return (IReadOnlyList<StoredRun>)ReadRuns(command);
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredResult> GetResults(long runId) => Execute(connection => (IReadOnlyList<StoredResult>)ReadResults(connection, runId));

    /// <inheritdoc />
    public RunWithResults? LoadRun(long runId) => LoadRun(runId, withSamples: true);

    /// <inheritdoc />
    public RunWithResults? LoadRunWithoutSamples(long runId) => LoadRun(runId, withSamples: false);

    private RunWithResults? LoadRun(long runId, bool withSamples) => Execute(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var run = FindRun(connection, runId);
        return run is null ? null : new RunWithResults(run, ReadResults(connection, runId, withSamples));
    });

    /// <inheritdoc />
    public IEnumerable<RunWithResults> StreamRuns(DateTimeOffset from, DateTimeOffset to, string? branch = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new TranslatedSequence<RunWithResults>(StreamRunsCore(from, to, branch), this);
    }

    /// <inheritdoc />
    public IEnumerable<RunValues> StreamRunValues(DateTimeOffset from, DateTimeOffset to, string? branch = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var keys = new Dictionary<long, string>();
        return new TranslatedSequence<RunValues>(StreamRunsCore(from, to, branch, (connection, run) => ReadValues(connection, run, keys)), this);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads only each result's series id and median (no names, statistics or samples): what the trend needs.
    /// </remarks>
    public IReadOnlyDictionary<string, TrendMedian> GetTrendMedians(StoredRun run, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            List<StoredRun> runs;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT {RunColumns} FROM runs WHERE recorded_at >= $from AND recorded_at < $to AND branch = $branch;";
                command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$branch", run.Branch);
                runs = ReadRuns(command);
            }

            var ids = runs.Where(r => TrendMedians.Counts(run, r, from, to)).Select(r => r.Id).ToArray();
            var medians = new Dictionary<string, TrendMedian>(StringComparer.Ordinal);
            if (ids.Length == 0)
            {
                return (IReadOnlyDictionary<string, TrendMedian>)medians;
            }

            // A plain scan (the run's rows are adjacent); the medians are computed here: SQLite's window functions would
            // sort the whole window (~170,000 rows for 7 days of hourly runs) several times slower. A long window is read
            // in two halves at once, the second on its own connection (a median does not depend on the order of the values;
            // a prune between the two reads can only drop runs the trend would have counted).
            Task<Dictionary<long, List<double>>>? secondHalf = null;
            var firstHalf = ids;
            if (ids.Length >= SplitTrendFromRuns && Environment.ProcessorCount > 1)
            {
                var half = ids.Length / 2;
                var secondIds = ids[half..];
                firstHalf = ids[..half];
                secondHalf = Task.Run(() => Execute(c => TrendValues(c, secondIds, null)));
            }

            Dictionary<long, List<double>> bySeries;
            try
            {
                bySeries = TrendValues(connection, firstHalf, transaction);
            }
            finally
            {
                // Never leave the other read running when this one failed (WaitAny does not throw its failure).
                if (secondHalf is not null)
                {
                    Task.WaitAny(secondHalf);
                }
            }

            if (secondHalf is not null)
            {
                foreach (var (sid, values) in secondHalf.GetAwaiter().GetResult())
                {
                    if (bySeries.TryGetValue(sid, out var list))
                    {
                        list.AddRange(values);
                    }
                    else
                    {
                        bySeries.Add(sid, values);
                    }
                }
            }

            using (var names = connection.CreateCommand())
            {
                names.CommandText = "SELECT id, key FROM series WHERE id IN (SELECT value FROM json_each($ids));";
                names.Parameters.AddWithValue("$ids", "[" + string.Join(',', bySeries.Keys) + "]");
                using var reader = names.ExecuteReader();
                while (reader.Read())
                {
                    var values = bySeries[reader.GetInt64(0)];
                    medians[reader.GetString(1)] = new TrendMedian(Quantiles.Median(values), values.Count(double.IsFinite));
                }
            }

            return medians;
        });
    }

    /// <summary>Windows of at least this many runs are read in two halves at once (<see cref="GetTrendMedians"/>).</summary>
    internal const int SplitTrendFromRuns = 32;

    /// <summary>Each series' finite-or-not medians in these runs, by series id.</summary>
    private static Dictionary<long, List<double>> TrendValues(SqliteConnection connection, long[] runIds, SqliteTransaction? transaction)
    {
        var bySeries = new Dictionary<long, List<double>>();
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = """
            SELECT series_id, median_ns FROM results
            WHERE run_id IN (SELECT value FROM json_each($runs)) AND median_ns IS NOT NULL AND failed = 0;
            """;
        query.Parameters.AddWithValue("$runs", "[" + string.Join(',', runIds) + "]");
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            var sid = reader.GetInt64(0);
            if (!bySeries.TryGetValue(sid, out var list))
            {
                bySeries.Add(sid, list = new List<double>(runIds.Length));
            }

            list.Add(reader.GetDouble(1));
        }

        return bySeries;
    }

    private IEnumerable<RunWithResults> StreamRunsCore(DateTimeOffset from, DateTimeOffset to, string? branch) =>
        StreamRunsCore(from, to, branch, (connection, run) => new RunWithResults(run, ReadResults(connection, run.Id)));

    private IEnumerable<T> StreamRunsCore<T>(DateTimeOffset from, DateTimeOffset to, string? branch, Func<SqliteConnection, StoredRun, T> read)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        List<StoredRun> runs;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = branch is null
                ? $"SELECT {RunColumns} FROM runs WHERE recorded_at >= $from AND recorded_at < $to ORDER BY recorded_at, id;"
                : $"SELECT {RunColumns} FROM runs WHERE recorded_at >= $from AND recorded_at < $to AND branch = $branch ORDER BY recorded_at, id;";
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            if (branch is not null)
            {
                command.Parameters.AddWithValue("$branch", branch);
            }

            // Run headers are small; the results, the bulk, are read one run at a time below.
            runs = ReadRuns(command);
        }

        foreach (var run in runs)
        {
            yield return read(connection, run);
        }
    }

    /// <summary>
    /// A run's series keys and headline values only: a benchmark's median (null when it failed), a metric's value. Rows
    /// carry the series id; each key string is read once per stream (<paramref name="keys"/>), not once per run.
    /// </summary>
    private static RunValues ReadValues(SqliteConnection connection, StoredRun run, Dictionary<long, string> keys)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.series_id, CASE WHEN r.failed <> 0 AND s.kind <> 'metric' THEN NULL ELSE r.median_ns END,
                   CASE WHEN $known THEN NULL ELSE s.key END
            FROM results r
            JOIN series s ON s.id = r.series_id
            WHERE r.run_id = $run_id
            ORDER BY r.id;
            """;
        command.Parameters.AddWithValue("$run_id", run.Id);
        command.Parameters.AddWithValue("$known", keys.Count > 0);
        var values = ImmutableArray.CreateBuilder<SeriesValue>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!keys.TryGetValue(id, out var key))
            {
                key = reader.IsDBNull(2) ? SeriesKeyOf(connection, id) : reader.GetString(2);
                keys.Add(id, key);
            }

            values.Add(new SeriesValue(key, reader.IsDBNull(1) ? null : reader.GetDouble(1)));
        }

        return new RunValues(run, values.ToImmutable());
    }

    private static string SeriesKeyOf(SqliteConnection connection, long seriesId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM series WHERE id = $id;";
        command.Parameters.AddWithValue("$id", seriesId);
        return (string)command.ExecuteScalar()!;
    }

    private static StoredRun? FindRun(SqliteConnection connection, long runId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM runs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        return ReadRuns(command).FirstOrDefault();
    }

    private static List<StoredRun> ReadRuns(SqliteCommand command)
    {
        var runs = new List<StoredRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(StoredRows.Run(reader));
        }

        return runs;
    }

    /// <summary>The run's results; without samples the raw values and their launch layout read as NULL (no launches, no values).</summary>
    private static ImmutableArray<StoredResult> ReadResults(SqliteConnection connection, long runId, bool withSamples = true)
    {
        using var command = connection.CreateCommand();
        command.CommandText = withSamples
            ? """
              SELECT r.run_id, s.key, s.kind, s.type, s.method, s.parameters, s.job, s.display_name, s.full_name,
                     r.median_ns, r.mean_ns, r.stddev_ns, r.stderr_ns, r.min_ns, r.max_ns, r.p5_ns, r.p95_ns,
                     r.n, r.launch_count, r.launch_medians, r.allocated_bytes, r.failed,
                     x.raw_values, x.raw_count, x.launch_layout, x.metrics
              FROM results r
              JOIN series s ON s.id = r.series_id
              LEFT JOIN result_samples x ON x.result_id = r.id
              WHERE r.run_id = $run_id
              ORDER BY r.id;
              """
            : """
              SELECT r.run_id, s.key, s.kind, s.type, s.method, s.parameters, s.job, s.display_name, s.full_name,
                     r.median_ns, r.mean_ns, r.stddev_ns, r.stderr_ns, r.min_ns, r.max_ns, r.p5_ns, r.p95_ns,
                     r.n, r.launch_count, r.launch_medians, r.allocated_bytes, r.failed,
                     NULL, x.raw_count, NULL, x.metrics
              FROM results r
              JOIN series s ON s.id = r.series_id
              LEFT JOIN result_samples x ON x.result_id = r.id
              WHERE r.run_id = $run_id
              ORDER BY r.id;
              """;
        command.Parameters.AddWithValue("$run_id", runId);
        var results = ImmutableArray.CreateBuilder<StoredResult>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(StoredRows.Result(reader));
        }

        return results.ToImmutable();
    }
}
