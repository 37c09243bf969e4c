using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfGate.Core.History.Postgres;

namespace PerfGate.Core.History;

/// <summary>The SQLite side of <c>perfgate history copy</c> (<see cref="IHistoryTransfer"/>): read and write everything as stored.</summary>
public sealed partial class SqliteHistoryStore : IHistoryTransfer
{
    bool IHistoryTransfer.IsEmpty() => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM runs) OR EXISTS (SELECT 1 FROM alerts) OR EXISTS (SELECT 1 FROM targets) OR EXISTS (SELECT 1 FROM daily_aggregates);
            """;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
    });

    IReadOnlyList<long> IHistoryTransfer.GetAllRunIds() => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM runs ORDER BY id;";
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return (IReadOnlyList<long>)ids;
    });

    IReadOnlyList<SeriesRow> IHistoryTransfer.GetAllSeries() => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, kind, type, method, parameters, job, display_name, full_name FROM series ORDER BY id;";
        var series = new List<SeriesRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            series.Add(new SeriesRow(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3),
                NullableString(reader, 4), NullableString(reader, 5), reader.GetString(6), reader.GetString(7)));
        }

        return (IReadOnlyList<SeriesRow>)series;
    });

    IReadOnlyList<DailyAggregate> IHistoryTransfer.GetAllDailyAggregates() => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.day, a.branch, s.key, a.fingerprint_key, a.runs, a.median_of_medians, a.min, a.max, a.p5, a.p95, a.mean_allocated
            FROM daily_aggregates a JOIN series s ON s.id = a.series_id
            ORDER BY s.key, a.day, a.branch, a.fingerprint_key;
            """;
        var aggregates = new List<DailyAggregate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            aggregates.Add(new DailyAggregate(
                DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), NullableDouble(reader, 10)));
        }

        return (IReadOnlyList<DailyAggregate>)aggregates;
    });

    HistoryCopyCounts IHistoryTransfer.Import(HistoryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var seriesIds = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var series in content.Series)
            {
                seriesIds[series.Key] = ImportSeries(connection, series);
            }

            var runIds = new Dictionary<long, long>();
            var results = 0;
            foreach (var run in content.Runs)
            {
                var newId = ImportRun(connection, RunHeaderRow.From(run.Run));
                runIds[run.Run.Id] = newId;
                foreach (var row in run.Results.Select(ResultRow.FromStored))
                {
                    if (!seriesIds.TryGetValue(row.SeriesKey, out var seriesId))
                    {
                        seriesId = seriesIds[row.SeriesKey] = ImportSeries(connection, SeriesRow.Of(row));
                    }

                    ImportResult(connection, newId, seriesId, row);
                    results++;
                }
            }

            foreach (var alert in content.Alerts)
            {
                ImportAlert(connection, alert, alert.RunId is { } old && runIds.TryGetValue(old, out var mapped) ? mapped : null);
            }

            foreach (var target in content.Targets)
            {
                using var upsert = connection.CreateCommand();
                upsert.CommandText = """
                    INSERT INTO targets (series_key, target, warning, error, unit, description, updated_at, active)
                    VALUES ($series_key, $target, $warning, $error, $unit, $description, $updated_at, $active)
                    ON CONFLICT (series_key) DO UPDATE SET
                        target = excluded.target, warning = excluded.warning, error = excluded.error, unit = excluded.unit,
                        description = excluded.description, updated_at = excluded.updated_at, active = excluded.active;
                    """;
                upsert.Parameters.AddWithValue("$series_key", target.SeriesKey);
                upsert.Parameters.AddWithValue("$target", target.Target);
                upsert.Parameters.AddWithValue("$warning", DbValue(target.Warning));
                upsert.Parameters.AddWithValue("$error", DbValue(target.Error));
                upsert.Parameters.AddWithValue("$unit", target.Unit);
                upsert.Parameters.AddWithValue("$description", DbValue(target.Description));
                upsert.Parameters.AddWithValue("$updated_at", (target.UpdatedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
                upsert.Parameters.AddWithValue("$active", target.Active ? 1 : 0);
                upsert.ExecuteNonQuery();
            }

            foreach (var aggregate in content.Aggregates)
            {
                ImportAggregate(connection, seriesIds[aggregate.SeriesKey], aggregate);
            }

            transaction.Commit();
            return new HistoryCopyCounts(runIds.Count, results, content.Alerts.Count, content.Targets.Count, content.Aggregates.Count);
        });
    }

    private static long ImportSeries(SqliteConnection connection, SeriesRow series)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO series (key, kind, type, method, parameters, job, display_name, full_name)
            VALUES ($key, $kind, $type, $method, $parameters, $job, $display_name, $full_name)
            ON CONFLICT (key) DO NOTHING;
            SELECT id FROM series WHERE key = $key;
            """;
        command.Parameters.AddWithValue("$key", series.Key);
        command.Parameters.AddWithValue("$kind", series.Kind);
        command.Parameters.AddWithValue("$type", DbValue(series.Type));
        command.Parameters.AddWithValue("$method", DbValue(series.Method));
        command.Parameters.AddWithValue("$parameters", DbValue(series.Parameters));
        command.Parameters.AddWithValue("$job", DbValue(series.Job));
        command.Parameters.AddWithValue("$display_name", series.DisplayName);
        command.Parameters.AddWithValue("$full_name", series.FullName);
        return (long)command.ExecuteScalar()!;
    }

    private static long ImportRun(SqliteConnection connection, RunHeaderRow run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (recorded_at, commit_sha, branch, pull_request, fingerprint_key, os, processor, logical_cores, runtime, architecture, bdn_version, detail, source)
            VALUES ($recorded_at, $commit, $branch, $pull_request, $fingerprint, $os, $processor, $cores, $runtime, $architecture, $bdn, $detail, $source)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$recorded_at", run.RecordedAt);
        command.Parameters.AddWithValue("$commit", DbValue(run.Commit));
        command.Parameters.AddWithValue("$branch", run.Branch);
        command.Parameters.AddWithValue("$pull_request", DbValue(run.PullRequest));
        command.Parameters.AddWithValue("$fingerprint", run.Host.Key);
        command.Parameters.AddWithValue("$os", run.Host.Os);
        command.Parameters.AddWithValue("$processor", run.Host.Processor);
        command.Parameters.AddWithValue("$cores", run.Host.LogicalCores);
        command.Parameters.AddWithValue("$runtime", run.Host.Runtime);
        command.Parameters.AddWithValue("$architecture", run.Host.Architecture);
        command.Parameters.AddWithValue("$bdn", run.Host.BenchmarkDotNetVersion);
        command.Parameters.AddWithValue("$detail", run.Detail);
        command.Parameters.AddWithValue("$source", run.Source);
        return (long)command.ExecuteScalar()!;
    }

    private static void ImportResult(SqliteConnection connection, long runId, long seriesId, ResultRow row)
    {
        long resultId;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO results (run_id, series_id, median_ns, mean_ns, stddev_ns, stderr_ns, min_ns, max_ns, p5_ns, p95_ns, n, launch_count, launch_medians, allocated_bytes, failed)
                VALUES ($run_id, $series_id, $median, $mean, $stddev, $stderr, $min, $max, $p5, $p95, $n, $launch_count, $launch_medians, $allocated, $failed)
                RETURNING id;
                """;
            var s = row.Statistics;
            command.Parameters.AddWithValue("$run_id", runId);
            command.Parameters.AddWithValue("$series_id", seriesId);
            command.Parameters.AddWithValue("$median", DbValue(s?.Median));
            command.Parameters.AddWithValue("$mean", DbValue(s?.Mean));
            command.Parameters.AddWithValue("$stddev", DbValue(s?.StandardDeviation));
            command.Parameters.AddWithValue("$stderr", DbValue(s?.StandardError));
            command.Parameters.AddWithValue("$min", DbValue(s?.Min));
            command.Parameters.AddWithValue("$max", DbValue(s?.Max));
            command.Parameters.AddWithValue("$p5", DbValue(s?.P5));
            command.Parameters.AddWithValue("$p95", DbValue(s?.P95));
            command.Parameters.AddWithValue("$n", s?.N ?? 0);
            command.Parameters.AddWithValue("$launch_count", row.LaunchCount);
            command.Parameters.AddWithValue("$launch_medians", DbValue(row.LaunchMedians));
            command.Parameters.AddWithValue("$allocated", DbValue(row.AllocatedBytes));
            command.Parameters.AddWithValue("$failed", s is null ? 1 : 0);
            resultId = (long)command.ExecuteScalar()!;
        }

        if (row.HasSamples)
        {
            using var samples = connection.CreateCommand();
            samples.CommandText = """
                INSERT INTO result_samples (result_id, raw_values, raw_count, launch_layout, metrics)
                VALUES ($result_id, $raw_values, $raw_count, $launch_layout, $metrics);
                """;
            samples.Parameters.AddWithValue("$result_id", resultId);
            samples.Parameters.AddWithValue("$raw_values", DbValue(row.RawValues));
            samples.Parameters.AddWithValue("$raw_count", row.RawCount);
            samples.Parameters.AddWithValue("$launch_layout", DbValue(row.LaunchLayout));
            samples.Parameters.AddWithValue("$metrics", DbValue(row.Metrics));
            samples.ExecuteNonQuery();
        }
    }

    private static void ImportAlert(SqliteConnection connection, StoredAlert alert, long? runId)
    {
        var row = AlertRow.From(alert);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts (run_id, triggered_at, branch, commit_sha, pull_request, fingerprint_key, tier, severity, series_key, metric,
                                current_value, expected_value, deviation_percent, message, acknowledged, acknowledged_by, acknowledged_at, notes, acknowledgement_reason)
            VALUES ($run_id, $at, $branch, $commit, $pull_request, $fingerprint, $tier, $severity, $series_key, $metric,
                    $current, $expected, $deviation, $message, $acknowledged, $acknowledged_by, $acknowledged_at, $notes, $reason);
            """;
        command.Parameters.AddWithValue("$run_id", DbValue(runId));
        command.Parameters.AddWithValue("$at", row.TriggeredAt);
        command.Parameters.AddWithValue("$branch", row.Branch);
        command.Parameters.AddWithValue("$commit", DbValue(row.Commit));
        command.Parameters.AddWithValue("$pull_request", DbValue(row.PullRequest));
        command.Parameters.AddWithValue("$fingerprint", row.FingerprintKey);
        command.Parameters.AddWithValue("$tier", row.Tier);
        command.Parameters.AddWithValue("$severity", row.Severity);
        command.Parameters.AddWithValue("$series_key", row.SeriesKey);
        command.Parameters.AddWithValue("$metric", row.Metric);
        command.Parameters.AddWithValue("$current", DbValue(row.CurrentValue));
        command.Parameters.AddWithValue("$expected", DbValue(row.ExpectedValue));
        command.Parameters.AddWithValue("$deviation", DbValue(row.DeviationPercent));
        command.Parameters.AddWithValue("$message", row.Message);
        command.Parameters.AddWithValue("$acknowledged", row.Acknowledged ? 1 : 0);
        command.Parameters.AddWithValue("$acknowledged_by", DbValue(row.AcknowledgedBy));
        command.Parameters.AddWithValue("$acknowledged_at", DbValue(row.AcknowledgedAt));
        command.Parameters.AddWithValue("$reason", DbValue(row.Reason));
        command.Parameters.AddWithValue("$notes", DbValue(row.Notes));
        command.ExecuteNonQuery();
    }

    private static void ImportAggregate(SqliteConnection connection, long seriesId, DailyAggregate aggregate)
    {
        using var command = connection.CreateCommand();
        // As retention's merge (SqliteHistoryStore.Prune): a day already there takes the other's runs in.
        command.CommandText = MergeAggregateSql;
        command.Parameters.AddWithValue("$day", aggregate.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$branch", aggregate.Branch);
        command.Parameters.AddWithValue("$series_id", seriesId);
        command.Parameters.AddWithValue("$fingerprint", aggregate.FingerprintKey);
        command.Parameters.AddWithValue("$runs", aggregate.Runs);
        command.Parameters.AddWithValue("$median", aggregate.MedianOfMedians);
        command.Parameters.AddWithValue("$min", aggregate.Min);
        command.Parameters.AddWithValue("$max", aggregate.Max);
        command.Parameters.AddWithValue("$p5", aggregate.P5);
        command.Parameters.AddWithValue("$p95", aggregate.P95);
        command.Parameters.AddWithValue("$allocated", DbValue(aggregate.MeanAllocatedBytes));
        command.ExecuteNonQuery();
    }
}
