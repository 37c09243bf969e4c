using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
{
    /// <inheritdoc />
    /// <remarks>The project's runs only; the same cut-offs, aggregation and merge rule as SQLite's, in one transaction.</remarks>
    public PruneResult Prune(DateTimeOffset now, TimeSpan? rawRetention = null, TimeSpan? aggregateRetention = null)
    {
        var raw = rawRetention ?? SqliteHistoryStore.DefaultRawRetention;
        var aggregates = aggregateRetention ?? SqliteHistoryStore.DefaultAggregateRetention;
        ArgumentOutOfRangeException.ThrowIfLessThan(raw, TimeSpan.Zero, nameof(rawRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(aggregates, TimeSpan.Zero, nameof(aggregateRetention));

        var rawCutoff = SqliteHistoryStore.StartOfUtcDay(now - raw);
        var aggregateCutoff = SqliteHistoryStore.StartOfUtcDay(now - aggregates);
        var aggregateCutoffDay = aggregateCutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cutoffMs = rawCutoff.ToUnixTimeMilliseconds();

        return ExecuteWrite(connection =>
        {
            using var transaction = connection.BeginTransaction();
            // Serialise prunes of one project: two at once would aggregate the same runs twice.
            using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('perfgate-prune:' || @project));", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("project", _project);
                lockCommand.ExecuteNonQuery();
            }

            var written = WriteDailyAggregates(connection, transaction, cutoffMs, aggregateCutoffDay);
            var results = Run(connection, transaction,
                "DELETE FROM results WHERE run_id IN (SELECT id FROM runs WHERE project = @project AND recorded_at < @cutoff);", cutoffMs);
            // result_samples cascade with their results; alerts.run_id goes NULL, the alerts stay.
            var runs = Run(connection, transaction, "DELETE FROM runs WHERE project = @project AND recorded_at < @cutoff;", cutoffMs);
            int deletedAggregates;
            using (var delete = new NpgsqlCommand(
                "DELETE FROM daily_aggregates WHERE day < @day AND series_id IN (SELECT id FROM series WHERE project = @project);", connection, transaction))
            {
                delete.Parameters.AddWithValue("day", aggregateCutoffDay);
                delete.Parameters.AddWithValue("project", _project);
                deletedAggregates = delete.ExecuteNonQuery();
            }

            transaction.Commit();
            return new PruneResult(rawCutoff, aggregateCutoff, runs, results, written, deletedAggregates);
        });
    }

    private int Run(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long cutoff)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("project", _project);
        command.Parameters.AddWithValue("cutoff", cutoff);
        return command.ExecuteNonQuery();
    }

    private int WriteDailyAggregates(NpgsqlConnection connection, NpgsqlTransaction transaction, long cutoffMs, string oldestDayKept)
    {
        var groups = new List<(string Day, string Branch, long Series, string Fingerprint, List<double> Medians, List<double> Allocations)>();
        using (var read = new NpgsqlCommand("""
            SELECT to_char(to_timestamp(u.recorded_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, u.branch, r.series_id, u.fingerprint_key, r.median_ns, r.allocated_bytes
            FROM results r JOIN runs u ON u.id = r.run_id
            WHERE u.project = @project AND u.recorded_at < @cutoff AND NOT r.failed AND r.median_ns IS NOT NULL
            ORDER BY day, u.branch, r.series_id, u.fingerprint_key;
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("project", _project);
            read.Parameters.AddWithValue("cutoff", cutoffMs);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
                if (groups.Count == 0 || (groups[^1].Day, groups[^1].Branch, groups[^1].Series, groups[^1].Fingerprint) != key)
                {
                    groups.Add((key.Item1, key.Item2, key.Item3, key.Item4, [], []));
                }

                groups[^1].Medians.Add(reader.GetDouble(4));
                if (!reader.IsDBNull(5))
                {
                    groups[^1].Allocations.Add(reader.GetDouble(5));
                }
            }
        }

        var written = 0;
        foreach (var group in groups)
        {
            // Older than aggregate retention: it would be deleted in the same transaction.
            if (group.Medians.Count == 0 || string.CompareOrdinal(group.Day, oldestDayKept) < 0)
            {
                continue;
            }

            group.Medians.Sort();
            var aggregate = new DailyAggregate(
                DateOnly.ParseExact(group.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                group.Branch,
                "",
                group.Fingerprint,
                group.Medians.Count,
                SqliteHistoryStore.Quantile(group.Medians, 0.5),
                group.Medians[0],
                group.Medians[^1],
                SqliteHistoryStore.Quantile(group.Medians, 0.05),
                SqliteHistoryStore.Quantile(group.Medians, 0.95),
                group.Allocations.Count == 0 ? null : group.Allocations.Average());
            MergeAggregate(connection, transaction, group.Series, aggregate);
            written++;
        }

        return written;
    }

    /// <summary>Inserts a day's aggregate, merging with one already there (an import of late runs) as SQLite does.</summary>
    private static void MergeAggregate(NpgsqlConnection connection, NpgsqlTransaction transaction, long seriesId, DailyAggregate aggregate)
    {
        using var write = new NpgsqlCommand("""
            INSERT INTO daily_aggregates AS a (day, branch, series_id, fingerprint_key, runs, median_of_medians, min, max, p5, p95, mean_allocated)
            VALUES (@day, @branch, @series_id, @fingerprint, @runs, @median, @min, @max, @p5, @p95, @allocated)
            ON CONFLICT (day, branch, series_id, fingerprint_key) DO UPDATE SET
                runs = a.runs + excluded.runs,
                median_of_medians = (a.median_of_medians * a.runs + excluded.median_of_medians * excluded.runs) / (a.runs + excluded.runs),
                min = least(a.min, excluded.min),
                max = greatest(a.max, excluded.max),
                p5 = (a.p5 * a.runs + excluded.p5 * excluded.runs) / (a.runs + excluded.runs),
                p95 = (a.p95 * a.runs + excluded.p95 * excluded.runs) / (a.runs + excluded.runs),
                mean_allocated = coalesce((coalesce(a.mean_allocated, excluded.mean_allocated) * a.runs + coalesce(excluded.mean_allocated, a.mean_allocated) * excluded.runs) / (a.runs + excluded.runs), a.mean_allocated, excluded.mean_allocated);
            """, connection, transaction);
        var p = write.Parameters;
        p.AddWithValue("day", aggregate.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        p.AddWithValue("branch", aggregate.Branch);
        p.AddWithValue("series_id", seriesId);
        p.AddWithValue("fingerprint", aggregate.FingerprintKey);
        p.AddWithValue("runs", aggregate.Runs);
        p.AddWithValue("median", aggregate.MedianOfMedians);
        p.AddWithValue("min", aggregate.Min);
        p.AddWithValue("max", aggregate.Max);
        p.AddWithValue("p5", aggregate.P5);
        p.AddWithValue("p95", aggregate.P95);
        p.AddWithValue("allocated", NpgsqlDbType.Double, DbValue(aggregate.MeanAllocatedBytes));
        write.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IReadOnlyList<DailyAggregate> GetDailyAggregates(string seriesKey, string? branch = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesKey);
        return Execute(connection =>
        {
            using var command = new NpgsqlCommand("""
                SELECT a.day, a.branch, s.key, a.fingerprint_key, a.runs, a.median_of_medians, a.min, a.max, a.p5, a.p95, a.mean_allocated
                FROM daily_aggregates a JOIN series s ON s.id = a.series_id
                WHERE s.project = @project AND s.key = @key AND (@branch::text IS NULL OR a.branch = @branch)
                ORDER BY a.day COLLATE "C", a.branch COLLATE "C", a.fingerprint_key COLLATE "C";
                """, connection);
            command.Parameters.AddWithValue("project", _project);
            command.Parameters.AddWithValue("key", seriesKey);
            command.Parameters.AddWithValue("branch", NpgsqlDbType.Text, DbValue(branch));
            var aggregates = new List<DailyAggregate>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                aggregates.Add(new DailyAggregate(
                    DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetInt32(4),
                    reader.GetDouble(5),
                    reader.GetDouble(6),
                    reader.GetDouble(7),
                    reader.GetDouble(8),
                    reader.GetDouble(9),
                    NullableDouble(reader, 10)));
            }

            return (IReadOnlyList<DailyAggregate>)aggregates;
        });
    }
}
