using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    /// <summary>
    /// Inserts a day's aggregate, or merges it into the one already there (exact count, min and max; run-weighted means
    /// of the quantiles): retention's write and <c>history copy</c>'s import.
    /// </summary>
    internal const string MergeAggregateSql = """
        INSERT INTO daily_aggregates (day, branch, series_id, fingerprint_key, runs, median_of_medians, min, max, p5, p95, mean_allocated)
        VALUES ($day, $branch, $series_id, $fingerprint, $runs, $median, $min, $max, $p5, $p95, $allocated)
        ON CONFLICT (day, branch, series_id, fingerprint_key) DO UPDATE SET
            runs = runs + excluded.runs,
            median_of_medians = (median_of_medians * runs + excluded.median_of_medians * excluded.runs) / (runs + excluded.runs),
            min = min(min, excluded.min),
            max = max(max, excluded.max),
            p5 = (p5 * runs + excluded.p5 * excluded.runs) / (runs + excluded.runs),
            p95 = (p95 * runs + excluded.p95 * excluded.runs) / (runs + excluded.runs),
            mean_allocated = coalesce((coalesce(mean_allocated, excluded.mean_allocated) * runs + coalesce(excluded.mean_allocated, mean_allocated) * excluded.runs) / (runs + excluded.runs), mean_allocated, excluded.mean_allocated);
        """;

    /// <summary>The seeds' retention (§6.2): raw runs 30 days.</summary>
    public static readonly TimeSpan DefaultRawRetention = TimeSpan.FromDays(30);

    /// <summary>The seeds' retention (§6.2): daily aggregates 365 days.</summary>
    public static readonly TimeSpan DefaultAggregateRetention = TimeSpan.FromDays(365);

    /// <inheritdoc />
    public PruneResult Prune(DateTimeOffset now, TimeSpan? rawRetention = null, TimeSpan? aggregateRetention = null)
    {
        var raw = rawRetention ?? DefaultRawRetention;
        var aggregates = aggregateRetention ?? DefaultAggregateRetention;
        ArgumentOutOfRangeException.ThrowIfLessThan(raw, TimeSpan.Zero, nameof(rawRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(aggregates, TimeSpan.Zero, nameof(aggregateRetention));

        // Whole UTC days: a day is aggregated at once, never half now and half at the next prune.
        var rawCutoff = StartOfUtcDay(now - raw);
        var aggregateCutoff = StartOfUtcDay(now - aggregates);
        var aggregateCutoffDay = aggregateCutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        return Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var written = WriteDailyAggregates(connection, rawCutoff.ToUnixTimeMilliseconds(), aggregateCutoffDay);
            var cutoffParameter = ("$cutoff", (object)rawCutoff.ToUnixTimeMilliseconds());
            // Children first (the FKs cascade too, but explicit deletes are faster on large histories).
            Run(connection, "DELETE FROM result_samples WHERE result_id IN (SELECT r.id FROM results r JOIN runs u ON u.id = r.run_id WHERE u.recorded_at < $cutoff);", cutoffParameter);
            var results = Run(connection, "DELETE FROM results WHERE run_id IN (SELECT id FROM runs WHERE recorded_at < $cutoff);", cutoffParameter);
            // alerts.run_id is ON DELETE SET NULL: the alerts stay, with their own copy of branch, commit and fingerprint.
            var runs = Run(connection, "DELETE FROM runs WHERE recorded_at < $cutoff;", cutoffParameter);
            var deletedAggregates = Run(connection, "DELETE FROM daily_aggregates WHERE day < $day;", ("$day", aggregateCutoffDay));
            transaction.Commit();
            return new PruneResult(rawCutoff, aggregateCutoff, runs, results, written, deletedAggregates);
        });
    }

    private static int Run(SqliteConnection connection, string sql, (string Name, object Value) parameter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return command.ExecuteNonQuery();
    }

    private static int WriteDailyAggregates(SqliteConnection connection, long cutoffMs, string oldestDayKept)
    {
        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT date(u.recorded_at / 1000, 'unixepoch') AS day, u.branch, r.series_id, u.fingerprint_key, r.median_ns, r.allocated_bytes
            FROM results r JOIN runs u ON u.id = r.run_id
            WHERE u.recorded_at < $cutoff AND r.failed = 0 AND r.median_ns IS NOT NULL
            ORDER BY day, u.branch, r.series_id, u.fingerprint_key;
            """;
        read.Parameters.AddWithValue("$cutoff", cutoffMs);

        using var write = connection.CreateCommand();
        // A day normally arrives once; if late runs for an already aggregated day arrive (an import), merge: exact
        // count, min and max, run-weighted means of the quantiles (an approximation, said so in docs/history.md).
        write.CommandText = MergeAggregateSql;
        var day = Parameter(write, "$day", SqliteType.Text);
        var branch = Parameter(write, "$branch", SqliteType.Text);
        var seriesId = Parameter(write, "$series_id", SqliteType.Integer);
        var fingerprint = Parameter(write, "$fingerprint", SqliteType.Text);
        var runs = Parameter(write, "$runs", SqliteType.Integer);
        var median = Parameter(write, "$median", SqliteType.Real);
        var min = Parameter(write, "$min", SqliteType.Real);
        var max = Parameter(write, "$max", SqliteType.Real);
        var p5 = Parameter(write, "$p5", SqliteType.Real);
        var p95 = Parameter(write, "$p95", SqliteType.Real);
        var allocated = Parameter(write, "$allocated", SqliteType.Real);

        var written = 0;
        (string Day, string Branch, long Series, string Fingerprint)? group = null;
        var medians = new List<double>();
        var allocations = new List<double>();

        void Flush()
        {
            if (group is not { } g || medians.Count == 0 || string.CompareOrdinal(g.Day, oldestDayKept) < 0)
            {
                return; // nothing, or older than aggregate retention: it would be deleted in the same transaction
            }

            medians.Sort();
            day.Value = g.Day;
            branch.Value = g.Branch;
            seriesId.Value = g.Series;
            fingerprint.Value = g.Fingerprint;
            runs.Value = medians.Count;
            median.Value = Quantile(medians, 0.5);
            min.Value = medians[0];
            max.Value = medians[^1];
            p5.Value = Quantile(medians, 0.05);
            p95.Value = Quantile(medians, 0.95);
            allocated.Value = allocations.Count == 0 ? DBNull.Value : allocations.Average();
            write.ExecuteNonQuery();
            written++;
        }

        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
                if (group != key)
                {
                    Flush();
                    group = key;
                    medians.Clear();
                    allocations.Clear();
                }

                medians.Add(reader.GetDouble(4));
                if (!reader.IsDBNull(5))
                {
                    allocations.Add(reader.GetDouble(5));
                }
            }
        }

        Flush();
        return written;
    }

    /// <summary>
    /// Quantile of sorted values by linear interpolation between closest ranks (Hyndman &amp; Fan 1996, definition 7;
    /// numpy's default, which the seeds' <c>np.percentile</c> uses).
    /// </summary>
    internal static double Quantile(List<double> sorted, double probability)
    {
        var position = (sorted.Count - 1) * probability;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    internal static DateTimeOffset StartOfUtcDay(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public IReadOnlyList<DailyAggregate> GetDailyAggregates(string seriesKey, string? branch = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesKey);
        return Execute(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT a.day, a.branch, s.key, a.fingerprint_key, a.runs, a.median_of_medians, a.min, a.max, a.p5, a.p95, a.mean_allocated
                FROM daily_aggregates a JOIN series s ON s.id = a.series_id
                WHERE s.key = $key AND ($branch IS NULL OR a.branch = $branch)
                ORDER BY a.day, a.branch, a.fingerprint_key;
                """;
            command.Parameters.AddWithValue("$key", seriesKey);
            command.Parameters.AddWithValue("$branch", DbValue(branch));
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
