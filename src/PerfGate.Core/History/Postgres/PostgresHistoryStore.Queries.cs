using System.Collections.Immutable;
using System.Data;
using Npgsql;
using PerfGate.Core.Results;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
{
    private const string RunColumns =
        "id, recorded_at, commit_sha, branch, pull_request, os, processor, logical_cores, runtime, architecture, bdn_version, detail, source";

    /// <inheritdoc />
    public StoredRun? GetLatestRun(string? branch = null) => Execute(connection =>
    {
        using var command = new NpgsqlCommand(
            $"SELECT {RunColumns} FROM runs WHERE project = @project AND (@branch::text IS NULL OR branch = @branch) ORDER BY recorded_at DESC, id DESC LIMIT 1;",
            connection);
        command.Parameters.AddWithValue("project", _project);
        command.Parameters.AddWithValue("branch", NpgsqlTypes.NpgsqlDbType.Text, DbValue(branch));
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
            using var command = new NpgsqlCommand(
                $"SELECT {RunColumns} FROM runs WHERE project = @project AND lower(left(commit_sha, length(@prefix))) = @prefix ORDER BY recorded_at DESC, id DESC;",
                connection);
            command.Parameters.AddWithValue("project", _project);
            command.Parameters.AddWithValue("prefix", commitPrefix.Trim().ToLowerInvariant());
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
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        var run = FindRun(connection, runId);
        return run is null ? null : new RunWithResults(run, ReadResults(connection, runId, withSamples));
    });

    /// <inheritdoc />
    public IEnumerable<RunWithResults> StreamRuns(DateTimeOffset from, DateTimeOffset to, string? branch = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new PostgresTranslatedSequence<RunWithResults>(StreamRunsCore(from, to, branch), this);
    }

    /// <inheritdoc />
    /// <remarks>As SQLite's: only each result's series key and median are read (no samples), the medians computed here.</remarks>
    public IReadOnlyDictionary<string, TrendMedian> GetTrendMedians(StoredRun run, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            List<StoredRun> runs;
            using (var command = new NpgsqlCommand(
                $"SELECT {RunColumns} FROM runs WHERE project = @project AND recorded_at >= @from AND recorded_at < @to AND branch = @branch;", connection))
            {
                command.Parameters.AddWithValue("project", _project);
                command.Parameters.AddWithValue("from", from.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("to", to.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("branch", run.Branch);
                runs = ReadRuns(command);
            }

            var ids = runs.Where(r => TrendMedians.Counts(run, r, from, to)).Select(r => r.Id).ToArray();
            var bySeries = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            if (ids.Length > 0)
            {
                using var query = new NpgsqlCommand("""
                    SELECT s.key, r.median_ns FROM results r JOIN series s ON s.id = r.series_id
                    WHERE r.run_id = ANY(@runs) AND r.median_ns IS NOT NULL AND NOT r.failed;
                    """, connection);
                query.Parameters.AddWithValue("runs", ids);
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    var key = reader.GetString(0);
                    if (!bySeries.TryGetValue(key, out var list))
                    {
                        bySeries.Add(key, list = new List<double>(ids.Length));
                    }

                    list.Add(reader.GetDouble(1));
                }
            }

            return (IReadOnlyDictionary<string, TrendMedian>)bySeries.ToDictionary(
                p => p.Key, p => new TrendMedian(Statistics.Quantiles.Median(p.Value), p.Value.Count(double.IsFinite)), StringComparer.Ordinal);
        });
    }

    private IEnumerable<RunWithResults> StreamRunsCore(DateTimeOffset from, DateTimeOffset to, string? branch)
    {
        using var connection = Open();
        // One snapshot for the whole enumeration, as SQLite's read transaction.
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        List<StoredRun> runs;
        using (var command = new NpgsqlCommand(
            $"SELECT {RunColumns} FROM runs WHERE project = @project AND recorded_at >= @from AND recorded_at < @to AND (@branch::text IS NULL OR branch = @branch) ORDER BY recorded_at, id;",
            connection))
        {
            command.Parameters.AddWithValue("project", _project);
            command.Parameters.AddWithValue("from", from.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("to", to.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("branch", NpgsqlTypes.NpgsqlDbType.Text, DbValue(branch));
            runs = ReadRuns(command);
        }

        foreach (var run in runs)
        {
            yield return new RunWithResults(run, ReadResults(connection, run.Id));
        }
    }

    private StoredRun? FindRun(NpgsqlConnection connection, long runId)
    {
        using var command = new NpgsqlCommand($"SELECT {RunColumns} FROM runs WHERE id = @id AND project = @project;", connection);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("project", _project);
        return ReadRuns(command).FirstOrDefault();
    }

    private static List<StoredRun> ReadRuns(NpgsqlCommand command)
    {
        var runs = new List<StoredRun>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(StoredRows.Run(reader));
        }

        return runs;
    }

    /// <summary>The run's results; without samples the raw values and their launch layout read as NULL (as SQLite's).</summary>
    private ImmutableArray<StoredResult> ReadResults(NpgsqlConnection connection, long runId, bool withSamples = true)
    {
        using var command = new NpgsqlCommand(withSamples
            ? """
              SELECT r.run_id, s.key, s.kind, s.type, s.method, s.parameters, s.job, s.display_name, s.full_name,
                     r.median_ns, r.mean_ns, r.stddev_ns, r.stderr_ns, r.min_ns, r.max_ns, r.p5_ns, r.p95_ns,
                     r.n, r.launch_count, r.launch_medians, r.allocated_bytes, r.failed,
                     x.raw_values, x.raw_count, x.launch_layout, x.metrics
              FROM results r
              JOIN runs u ON u.id = r.run_id AND u.project = @project
              JOIN series s ON s.id = r.series_id
              LEFT JOIN result_samples x ON x.result_id = r.id
              WHERE r.run_id = @run_id
              ORDER BY r.id;
              """
            : """
              SELECT r.run_id, s.key, s.kind, s.type, s.method, s.parameters, s.job, s.display_name, s.full_name,
                     r.median_ns, r.mean_ns, r.stddev_ns, r.stderr_ns, r.min_ns, r.max_ns, r.p5_ns, r.p95_ns,
                     r.n, r.launch_count, r.launch_medians, r.allocated_bytes, r.failed,
                     NULL::bytea, x.raw_count, NULL::text, x.metrics
              FROM results r
              JOIN runs u ON u.id = r.run_id AND u.project = @project
              JOIN series s ON s.id = r.series_id
              LEFT JOIN result_samples x ON x.result_id = r.id
              WHERE r.run_id = @run_id
              ORDER BY r.id;
              """, connection);
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.AddWithValue("project", _project);
        var results = ImmutableArray.CreateBuilder<StoredResult>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(StoredRows.Result(reader));
        }

        return results.ToImmutable();
    }
}

/// <summary>As <see cref="TranslatedSequence{T}"/>: Npgsql errors while enumerating surface as <see cref="HistoryException"/>.</summary>
internal sealed class PostgresTranslatedSequence<T>(IEnumerable<T> source, PostgresHistoryStore store) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() => new Enumerator(source.GetEnumerator(), store);

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(IEnumerator<T> inner, PostgresHistoryStore store) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            try
            {
                return inner.MoveNext();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw store.Translate(exception);
            }
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => inner.Dispose();
    }
}
