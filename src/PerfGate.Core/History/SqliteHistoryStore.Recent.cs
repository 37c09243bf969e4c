using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Two steps, both on indexes. First the branch's runs, newest first (the runs table is small: retention keeps
    /// 30 days), then the results of the newest <paramref name="perSeries"/> runs, one run at a time through
    /// <c>UNIQUE (run_id, series_id)</c> — when every series is in every run that is the whole answer, about
    /// perSeries × series narrow rows. Series still short (absent from some runs, failed, new) are completed one by
    /// one through <c>ix_results_series_run</c>, which reads only that series' rows.
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
            // One read transaction: every step sees the same snapshot even while another process records.
            using var transaction = connection.BeginTransaction(deferred: true);
            var wanted = ResolveSeries(connection, seriesKeys);
            var points = wanted.Keys.ToDictionary(id => id, _ => new List<HistoryPoint>(perSeries));
            var runs = wanted.Count == 0 ? [] : ReadBranchRuns(connection, branch, fingerprintKey);

            var scanned = Math.Min(perSeries, runs.Count);
            using (var byRun = connection.CreateCommand())
            {
                byRun.CommandText = """
                    SELECT series_id, median_ns, allocated_bytes, launch_medians
                    FROM results
                    WHERE run_id = $run_id AND failed = 0 AND median_ns IS NOT NULL;
                    """;
                var runParameter = Parameter(byRun, "$run_id", SqliteType.Integer);
                for (var i = 0; i < scanned; i++)
                {
                    var run = runs[i];
                    runParameter.Value = run.Id;
                    using var reader = byRun.ExecuteReader();
                    while (reader.Read())
                    {
                        if (points.TryGetValue(reader.GetInt64(0), out var list))
                        {
                            list.Add(Point(run, reader, 1));
                        }
                    }
                }
            }

            if (scanned < runs.Count)
            {
                CompleteShortSeries(connection, runs, scanned, points, perSeries);
            }

            var answer = new Dictionary<string, ImmutableArray<HistoryPoint>>(StringComparer.Ordinal);
            foreach (var key in seriesKeys)
            {
                answer[key] = [];
            }

            foreach (var (id, key) in wanted)
            {
                answer[key] = [.. points[id]];
            }

            return (IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>>)answer;
        });
    }

    private static void CompleteShortSeries(SqliteConnection connection, List<RunHeader> runs, int scanned, Dictionary<long, List<HistoryPoint>> points, int perSeries)
    {
        Dictionary<long, int>? rankOfOlderRun = null;
        using var bySeries = connection.CreateCommand();
        bySeries.CommandText = """
            SELECT run_id, median_ns, allocated_bytes, launch_medians
            FROM results
            WHERE series_id = $series_id AND failed = 0 AND median_ns IS NOT NULL;
            """;
        var seriesParameter = Parameter(bySeries, "$series_id", SqliteType.Integer);
        foreach (var (seriesId, list) in points)
        {
            if (list.Count >= perSeries)
            {
                continue;
            }

            rankOfOlderRun ??= Enumerable.Range(scanned, runs.Count - scanned).ToDictionary(i => runs[i].Id, i => i);
            seriesParameter.Value = seriesId;
            var found = new List<(int Rank, HistoryPoint Point)>();
            using (var reader = bySeries.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (rankOfOlderRun.TryGetValue(reader.GetInt64(0), out var rank))
                    {
                        found.Add((rank, Point(runs[rank], reader, 1)));
                    }
                }
            }

            list.AddRange(found.OrderBy(f => f.Rank).Take(perSeries - list.Count).Select(f => f.Point));
        }
    }

    /// <summary>Reads <c>median_ns, allocated_bytes, launch_medians</c> starting at <paramref name="first"/>.</summary>
    private static HistoryPoint Point(RunHeader run, SqliteDataReader reader, int first)
    {
        var launchMedians = reader.IsDBNull(first + 2) ? [] : DoubleBlob.Decode((byte[])reader.GetValue(first + 2));
        return new HistoryPoint(run.Id, run.Timestamp, run.Commit, run.FingerprintKey, reader.GetDouble(first), NullableDouble(reader, first + 1), launchMedians);
    }

    private static Dictionary<long, string> ResolveSeries(SqliteConnection connection, IReadOnlyCollection<string> seriesKeys)
    {
        var ids = new Dictionary<long, string>();
        if (seriesKeys.Count == 0)
        {
            return ids;
        }

        using var command = connection.CreateCommand();
        // One parameter however many keys: SQLite limits bound variables, json_each does not.
        command.CommandText = "SELECT id, key FROM series WHERE key IN (SELECT value FROM json_each($keys));";
        command.Parameters.AddWithValue("$keys", HistoryJson.Strings(seriesKeys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids[reader.GetInt64(0)] = reader.GetString(1);
        }

        return ids;
    }

    /// <summary>
    /// The branch's runs, newest first; with a fingerprint, only runs on a comparable machine. Matching is done here
    /// on <see cref="Results.HostFingerprint.NormalizeKey"/> rather than in SQL, so runs recorded with the older,
    /// finer fingerprint keys (full OS and runtime build) still match (the runs table is small: retention keeps 30 days).
    /// </summary>
    private static List<RunHeader> ReadBranchRuns(SqliteConnection connection, string branch, string? fingerprintKey)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, recorded_at, commit_sha, fingerprint_key FROM runs WHERE branch = $branch ORDER BY recorded_at DESC, id DESC;";
        command.Parameters.AddWithValue("$branch", branch);
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
