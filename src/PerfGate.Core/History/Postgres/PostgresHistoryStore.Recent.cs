using System.Collections.Immutable;
using System.Data;
using Npgsql;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
{
    /// <inheritdoc />
    /// <remarks>
    /// As SQLite's, in few round trips: the branch's runs newest first (matched on the normalised fingerprint here,
    /// not in SQL), then the results of the newest <paramref name="perSeries"/> runs for the wanted series in one
    /// query through <c>UNIQUE (run_id, series_id)</c>, then the series still short in one query over the older runs
    /// through <c>ix_results_series_run</c>. One repeatable-read snapshot, so a run recorded meanwhile is seen whole or not at all.
    /// </remarks>
    public IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> GetRecent(
        string branch,
        IReadOnlyCollection<string> seriesKeys,
        int perSeries,
        string? fingerprintKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(branch);
        ArgumentNullException.ThrowIfNull(seriesKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSeries);

        return Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            var wanted = ResolveSeries(connection, seriesKeys);
            var found = wanted.Keys.ToDictionary(id => id, _ => new List<(int Rank, HistoryPoint Point)>(perSeries));
            var runs = wanted.Count == 0 ? [] : ReadBranchRuns(connection, branch, fingerprintKey);
            var scanned = Math.Min(perSeries, runs.Count);
            var seriesIds = wanted.Keys.ToArray();

            if (scanned > 0)
            {
                ReadPoints(connection, runs, 0, scanned, seriesIds, found);
            }

            var shortSeries = found.Where(f => f.Value.Count < perSeries).Select(f => f.Key).ToArray();
            if (scanned < runs.Count && shortSeries.Length > 0)
            {
                ReadPoints(connection, runs, scanned, runs.Count, shortSeries, found);
            }

            var answer = new Dictionary<string, ImmutableArray<HistoryPoint>>(StringComparer.Ordinal);
            foreach (var key in seriesKeys)
            {
                answer[key] = [];
            }

            foreach (var (id, key) in wanted)
            {
                answer[key] = [.. found[id].OrderBy(f => f.Rank).Take(perSeries).Select(f => f.Point)];
            }

            return (IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>>)answer;
        });
    }

    /// <summary>The points of <paramref name="seriesIds"/> in <c>runs[first..end)</c>, added with the run's rank.</summary>
    private static void ReadPoints(NpgsqlConnection connection, List<RunHeader> runs, int first, int end, long[] seriesIds, Dictionary<long, List<(int Rank, HistoryPoint Point)>> found)
    {
        var rank = new Dictionary<long, int>(end - first);
        for (var i = first; i < end; i++)
        {
            rank[runs[i].Id] = i;
        }

        using var command = new NpgsqlCommand("""
            SELECT run_id, series_id, median_ns, allocated_bytes, launch_medians
            FROM results
            WHERE run_id = ANY(@runs) AND series_id = ANY(@series) AND NOT failed AND median_ns IS NOT NULL;
            """, connection);
        command.Parameters.AddWithValue("runs", rank.Keys.ToArray());
        command.Parameters.AddWithValue("series", seriesIds);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var run = runs[rank[reader.GetInt64(0)]];
            var launchMedians = reader.IsDBNull(4) ? [] : DoubleBlob.Decode(reader.GetFieldValue<byte[]>(4));
            var point = new HistoryPoint(run.Id, run.Timestamp, run.Commit, run.FingerprintKey, reader.GetDouble(2), NullableDouble(reader, 3), launchMedians);
            found[reader.GetInt64(1)].Add((rank[run.Id], point));
        }
    }

    private Dictionary<long, string> ResolveSeries(NpgsqlConnection connection, IReadOnlyCollection<string> seriesKeys)
    {
        var ids = new Dictionary<long, string>();
        if (seriesKeys.Count == 0)
        {
            return ids;
        }

        using var command = new NpgsqlCommand("SELECT id, key FROM series WHERE project = @project AND key = ANY(@keys);", connection);
        command.Parameters.AddWithValue("project", _project);
        command.Parameters.AddWithValue("keys", seriesKeys.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids[reader.GetInt64(0)] = reader.GetString(1);
        }

        return ids;
    }

    /// <summary>The branch's runs, newest first; with a fingerprint only runs whose normalised key matches (as SQLite).</summary>
    private List<RunHeader> ReadBranchRuns(NpgsqlConnection connection, string branch, string? fingerprintKey)
    {
        using var command = new NpgsqlCommand(
            "SELECT id, recorded_at, commit_sha, fingerprint_key FROM runs WHERE project = @project AND branch = @branch ORDER BY recorded_at DESC, id DESC;",
            connection);
        command.Parameters.AddWithValue("project", _project);
        command.Parameters.AddWithValue("branch", branch);
        var wanted = fingerprintKey is null ? null : Results.HostFingerprint.NormalizeKey(fingerprintKey);
        var runs = new List<RunHeader>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(3);
            if (wanted is null || string.Equals(Results.HostFingerprint.NormalizeKey(key), wanted, StringComparison.Ordinal))
            {
                runs.Add(new RunHeader(reader.GetInt64(0), FromUnixMs(reader.GetInt64(1)), NullableString(reader, 2), key));
            }
        }

        return runs;
    }

    private sealed record RunHeader(long Id, DateTimeOffset Timestamp, string? Commit, string FingerprintKey);
}
