using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    /// <inheritdoc />
    public long RecordRun(RecordedRun run, IReadOnlyList<AlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Branch, $"{nameof(run)}.{nameof(run.Branch)}");
        ThrowIfDuplicateSeries(run.Run);

        return Execute(connection =>
        {
            var newSeries = new Dictionary<string, long>(StringComparer.Ordinal);
            long runId;
            // BEGIN IMMEDIATE takes the write lock up front: a second writer waits on busy_timeout here instead of
            // failing later when a deferred read transaction tries to upgrade.
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                runId = InsertRun(connection, run);
                using (var writer = new ResultWriter(this, connection, runId, newSeries))
                {
                    var index = 0;
                    foreach (var result in run.Run.Results)
                    {
                        writer.WriteBenchmark(result);
                        AfterResultWritten?.Invoke(index++);
                    }

                    foreach (var metric in run.Run.Metrics.IsDefault ? [] : run.Run.Metrics)
                    {
                        writer.WriteRunMetric(metric);
                        AfterResultWritten?.Invoke(index++);
                    }
                }

                InsertAlerts(connection, runId, run, alerts);
                transaction.Commit();
            }

            foreach (var (key, id) in newSeries)
            {
                _seriesIds.TryAdd(key, id);
            }

            return runId;
        });
    }

    internal static void ThrowIfDuplicateSeries(BenchmarkRun run)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = run.Results.Select(r => r.Id.Key).Concat((run.Metrics.IsDefault ? [] : run.Metrics).Select(m => SeriesKey.ForMetric(m.Id)));
        foreach (var key in keys)
        {
            if (!seen.Add(key))
            {
                throw new ArgumentException($"The run has the series '{key}' twice; a run records each series once.", nameof(run));
            }
        }
    }

    private static long InsertRun(SqliteConnection connection, RecordedRun run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (recorded_at, commit_sha, branch, pull_request, fingerprint_key, os, processor, logical_cores, runtime, architecture, bdn_version, detail, source)
            VALUES ($recorded_at, $commit, $branch, $pull_request, $fingerprint, $os, $processor, $cores, $runtime, $architecture, $bdn, $detail, $source)
            RETURNING id;
            """;
        var host = run.Run.Host;
        command.Parameters.AddWithValue("$recorded_at", run.Timestamp.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$commit", DbValue(run.Commit));
        command.Parameters.AddWithValue("$branch", run.Branch);
        command.Parameters.AddWithValue("$pull_request", DbValue(run.PullRequest));
        command.Parameters.AddWithValue("$fingerprint", host.Key);
        command.Parameters.AddWithValue("$os", host.Os);
        command.Parameters.AddWithValue("$processor", host.Processor);
        command.Parameters.AddWithValue("$cores", host.LogicalCores);
        command.Parameters.AddWithValue("$runtime", host.Runtime);
        command.Parameters.AddWithValue("$architecture", host.Architecture);
        command.Parameters.AddWithValue("$bdn", host.BenchmarkDotNetVersion);
        command.Parameters.AddWithValue("$detail", StoredNames.Of(run.Run.Detail));
        command.Parameters.AddWithValue("$source", string.Join('\n', run.Run.Sources.IsDefault ? [] : run.Run.Sources));
        return (long)command.ExecuteScalar()!;
    }

    private static void InsertAlerts(SqliteConnection connection, long runId, RecordedRun run, IReadOnlyList<AlertRecord> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts (run_id, triggered_at, branch, commit_sha, pull_request, fingerprint_key, tier, severity, series_key, metric, current_value, expected_value, deviation_percent, message)
            VALUES ($run_id, $at, $branch, $commit, $pull_request, $fingerprint, $tier, $severity, $series_key, $metric, $current, $expected, $deviation, $message);
            """;
        command.Parameters.AddWithValue("$run_id", runId);
        command.Parameters.AddWithValue("$at", run.Timestamp.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$branch", run.Branch);
        command.Parameters.AddWithValue("$commit", DbValue(run.Commit));
        command.Parameters.AddWithValue("$pull_request", DbValue(run.PullRequest));
        command.Parameters.AddWithValue("$fingerprint", run.Run.Host.Key);
        var tier = Parameter(command, "$tier", SqliteType.Text);
        var severity = Parameter(command, "$severity", SqliteType.Text);
        var seriesKey = Parameter(command, "$series_key", SqliteType.Text);
        var metric = Parameter(command, "$metric", SqliteType.Text);
        var current = Parameter(command, "$current", SqliteType.Real);
        var expected = Parameter(command, "$expected", SqliteType.Real);
        var deviation = Parameter(command, "$deviation", SqliteType.Real);
        var message = Parameter(command, "$message", SqliteType.Text);
        foreach (var alert in alerts)
        {
            ArgumentNullException.ThrowIfNull(alert, nameof(alerts));
            tier.Value = StoredNames.Of(alert.Tier);
            severity.Value = StoredNames.Of(alert.Severity);
            seriesKey.Value = alert.SeriesKey;
            metric.Value = alert.Metric;
            // SQLite cannot store NaN: a finding without a figure is stored as NULL (read back as NaN).
            current.Value = Finite(alert.CurrentValue);
            expected.Value = Finite(alert.ExpectedValue);
            deviation.Value = Finite(alert.DeviationPercent);
            message.Value = alert.Message;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The prepared statements of one recording transaction, reused for every result.</summary>
    private sealed class ResultWriter : IDisposable
    {
        private readonly SqliteHistoryStore _store;
        private readonly Dictionary<string, long> _newSeries;
        private readonly SqliteCommand _findSeries;
        private readonly SqliteCommand _insertSeries;
        private readonly SqliteCommand _insertResult;
        private readonly SqliteCommand _insertSamples;

        public ResultWriter(SqliteHistoryStore store, SqliteConnection connection, long runId, Dictionary<string, long> newSeries)
        {
            _store = store;
            _newSeries = newSeries;

            _findSeries = connection.CreateCommand();
            _findSeries.CommandText = "SELECT id FROM series WHERE key = $key;";
            Parameter(_findSeries, "$key", SqliteType.Text);

            _insertSeries = connection.CreateCommand();
            _insertSeries.CommandText = """
                INSERT INTO series (key, kind, type, method, parameters, job, display_name, full_name)
                VALUES ($key, $kind, $type, $method, $parameters, $job, $display_name, $full_name)
                RETURNING id;
                """;
            foreach (var name in new[] { "$key", "$kind", "$type", "$method", "$parameters", "$job", "$display_name", "$full_name" })
            {
                Parameter(_insertSeries, name, SqliteType.Text);
            }

            _insertResult = connection.CreateCommand();
            _insertResult.CommandText = """
                INSERT INTO results (run_id, series_id, median_ns, mean_ns, stddev_ns, stderr_ns, min_ns, max_ns, p5_ns, p95_ns, n, launch_count, launch_medians, allocated_bytes, failed)
                VALUES ($run_id, $series_id, $median, $mean, $stddev, $stderr, $min, $max, $p5, $p95, $n, $launch_count, $launch_medians, $allocated, $failed)
                RETURNING id;
                """;
            _insertResult.Parameters.AddWithValue("$run_id", runId);
            Parameter(_insertResult, "$series_id", SqliteType.Integer);
            foreach (var name in new[] { "$median", "$mean", "$stddev", "$stderr", "$min", "$max", "$p5", "$p95", "$allocated" })
            {
                Parameter(_insertResult, name, SqliteType.Real);
            }

            Parameter(_insertResult, "$n", SqliteType.Integer);
            Parameter(_insertResult, "$launch_count", SqliteType.Integer);
            Parameter(_insertResult, "$launch_medians", SqliteType.Blob);
            Parameter(_insertResult, "$failed", SqliteType.Integer);

            _insertSamples = connection.CreateCommand();
            _insertSamples.CommandText = """
                INSERT INTO result_samples (result_id, raw_values, raw_count, launch_layout, metrics)
                VALUES ($result_id, $raw_values, $raw_count, $launch_layout, $metrics);
                """;
            Parameter(_insertSamples, "$result_id", SqliteType.Integer);
            Parameter(_insertSamples, "$raw_values", SqliteType.Blob);
            Parameter(_insertSamples, "$raw_count", SqliteType.Integer);
            Parameter(_insertSamples, "$launch_layout", SqliteType.Text);
            Parameter(_insertSamples, "$metrics", SqliteType.Text);
        }

        public void WriteBenchmark(BenchmarkResult result)
        {
            ArgumentNullException.ThrowIfNull(result);
            var id = result.Id;
            var seriesId = SeriesId(id.Key, "benchmark", id.Type, id.Method, id.Parameters, id.Job, id.DisplayName, result.FullName);
            var statistics = result.Statistics;
            var launchMedians = StoredSamples.LaunchMedians(result);
            var resultId = InsertResult(
                seriesId,
                statistics,
                launchCount: result.Launches.IsDefault ? 0 : result.Launches.Length,
                launchMedians,
                result.AllocatedBytesPerOperation);

            var (values, layout, originalCount) = StoredSamples.Select(result, _store._options.MaxStoredValuesPerResult);
            var metrics = result.Metrics.IsDefaultOrEmpty ? null : HistoryJson.Metrics(result.Metrics);
            if (originalCount > 0 || metrics is not null)
            {
                InsertSamples(resultId, values, originalCount, layout, metrics);
            }
        }

        public void WriteRunMetric(MetricValue metric)
        {
            ArgumentNullException.ThrowIfNull(metric);
            var key = SeriesKey.ForMetric(metric.Id);
            var seriesId = SeriesId(key, "metric", null, null, null, null, metric.Name, metric.Id);
            var statistics = new TimeStatistics(1, metric.Value, metric.Value, 0, metric.Value, metric.Value);
            var resultId = InsertResult(seriesId, statistics, launchCount: 0, [], allocated: null);
            InsertSamples(resultId, [], 0, null, HistoryJson.Metrics([metric]));
        }

        public void Dispose()
        {
            _findSeries.Dispose();
            _insertSeries.Dispose();
            _insertResult.Dispose();
            _insertSamples.Dispose();
        }

        private long SeriesId(string key, string kind, string? type, string? method, string? parameters, string? job, string displayName, string fullName)
        {
            if (_store._seriesIds.TryGetValue(key, out var id) || _newSeries.TryGetValue(key, out id))
            {
                return id;
            }

            _findSeries.Parameters["$key"].Value = key;
            if (_findSeries.ExecuteScalar() is long found)
            {
                _newSeries[key] = found;
                return found;
            }

            var p = _insertSeries.Parameters;
            p["$key"].Value = key;
            p["$kind"].Value = kind;
            p["$type"].Value = DbValue(type);
            p["$method"].Value = DbValue(method);
            p["$parameters"].Value = DbValue(parameters);
            p["$job"].Value = DbValue(job);
            p["$display_name"].Value = displayName;
            p["$full_name"].Value = fullName;
            id = (long)_insertSeries.ExecuteScalar()!;
            _newSeries[key] = id;
            return id;
        }

        private long InsertResult(long seriesId, TimeStatistics? statistics, int launchCount, List<double> launchMedians, double? allocated)
        {
            var p = _insertResult.Parameters;
            p["$series_id"].Value = seriesId;
            p["$median"].Value = DbValue(statistics?.Median);
            p["$mean"].Value = DbValue(statistics?.Mean);
            p["$stddev"].Value = DbValue(statistics?.StandardDeviation);
            p["$stderr"].Value = DbValue(statistics?.StandardError);
            p["$min"].Value = DbValue(statistics?.Min);
            p["$max"].Value = DbValue(statistics?.Max);
            p["$p5"].Value = DbValue(statistics?.P5);
            p["$p95"].Value = DbValue(statistics?.P95);
            p["$n"].Value = statistics?.N ?? 0;
            p["$launch_count"].Value = launchCount;
            p["$launch_medians"].Value = DbValue(DoubleBlob.Encode(launchMedians));
            p["$allocated"].Value = DbValue(allocated);
            p["$failed"].Value = statistics is null ? 1 : 0;
            return (long)_insertResult.ExecuteScalar()!;
        }

        private void InsertSamples(long resultId, List<double> values, int originalCount, string? layout, string? metrics)
        {
            var p = _insertSamples.Parameters;
            p["$result_id"].Value = resultId;
            p["$raw_values"].Value = DbValue(DoubleBlob.Encode(values));
            p["$raw_count"].Value = originalCount;
            p["$launch_layout"].Value = DbValue(layout);
            p["$metrics"].Value = DbValue(metrics);
            _insertSamples.ExecuteNonQuery();
        }

        private static object DbValue(object? value) => value is null or double.NaN or double.PositiveInfinity or double.NegativeInfinity ? DBNull.Value : value;
    }

    private static object Finite(double value) => double.IsFinite(value) ? value : DBNull.Value;
}
