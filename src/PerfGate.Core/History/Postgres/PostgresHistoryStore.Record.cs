using Npgsql;
using NpgsqlTypes;
using PerfGate.Core.Results;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One transaction: the run's new series (one statement, in key order, so two recorders adding the same new series
    /// wait for each other rather than deadlock), the run (<c>INSERT … RETURNING id</c>), result ids reserved from the
    /// identity sequence, the results and samples by binary COPY, the alerts. Killed half-way, the server rolls it all
    /// back. Recorders of known series never wait for each other; a deadlock or serialization failure is retried from the start.
    /// </remarks>
    public long RecordRun(RecordedRun run, IReadOnlyList<AlertRecord> alerts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Branch, $"{nameof(run)}.{nameof(run.Branch)}");
        SqliteHistoryStore.ThrowIfDuplicateSeries(run.Run);
        foreach (var alert in alerts)
        {
            ArgumentNullException.ThrowIfNull(alert, nameof(alerts));
        }

        var rows = run.Run.Results.Select(r => ResultRow.FromBenchmark(r, _options.MaxStoredValuesPerResult))
            .Concat((run.Run.Metrics.IsDefault ? [] : run.Run.Metrics).Select(ResultRow.FromMetric))
            .ToList();
        var header = RunHeaderRow.From(run);
        var alertRows = alerts.Select(a => AlertRow.From(a, run)).ToList();
        return ExecuteWrite(connection => WriteRun(connection, header, rows, alertRows));
    }

    /// <summary>Writes one run with its results and alerts in one transaction; the run's new id.</summary>
    private long WriteRun(NpgsqlConnection connection, RunHeaderRow header, IReadOnlyList<ResultRow> rows, IReadOnlyList<AlertRow> alerts)
    {
        using var transaction = connection.BeginTransaction();
        var seriesIds = EnsureSeries(connection, rows.Select(SeriesRow.Of).ToList());
        var runId = WriteRunRows(connection, transaction, header, rows, alerts, seriesIds);
        transaction.Commit();
        foreach (var (key, id) in seriesIds)
        {
            _seriesIds.TryAdd(key, id);
        }

        return runId;
    }

    /// <summary>The run, its results and samples and its alerts, in the caller's transaction; the series must exist.</summary>
    private long WriteRunRows(NpgsqlConnection connection, NpgsqlTransaction transaction, RunHeaderRow header, IReadOnlyList<ResultRow> rows, IReadOnlyList<AlertRow> alerts, Dictionary<string, long>? seriesIds = null)
    {
        seriesIds ??= [];
        var unknown = rows.Where(r => !seriesIds.ContainsKey(r.SeriesKey)).Select(SeriesRow.Of).ToList();
        if (unknown.Count > 0)
        {
            foreach (var (key, id) in EnsureSeries(connection, unknown))
            {
                seriesIds[key] = id;
            }
        }

        long runId;
        using (var insert = new NpgsqlCommand("""
            INSERT INTO runs (project, recorded_at, commit_sha, branch, pull_request, fingerprint_key, os, processor, logical_cores, runtime, architecture, bdn_version, detail, source)
            VALUES (@project, @recorded_at, @commit, @branch, @pull_request, @fingerprint, @os, @processor, @cores, @runtime, @architecture, @bdn, @detail, @source)
            RETURNING id;
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("project", _project);
            p.AddWithValue("recorded_at", header.RecordedAt);
            p.AddWithValue("commit", NpgsqlDbType.Text, DbValue(header.Commit));
            p.AddWithValue("branch", header.Branch);
            p.AddWithValue("pull_request", NpgsqlDbType.Integer, DbValue(header.PullRequest));
            p.AddWithValue("fingerprint", header.Host.Key);
            p.AddWithValue("os", header.Host.Os);
            p.AddWithValue("processor", header.Host.Processor);
            p.AddWithValue("cores", header.Host.LogicalCores);
            p.AddWithValue("runtime", header.Host.Runtime);
            p.AddWithValue("architecture", header.Host.Architecture);
            p.AddWithValue("bdn", header.Host.BenchmarkDotNetVersion);
            p.AddWithValue("detail", header.Detail);
            p.AddWithValue("source", header.Source);
            runId = (long)insert.ExecuteScalar()!;
        }

        var resultIds = ReserveResultIds(connection, rows.Count);
        using (var copy = connection.BeginBinaryImport("""
            COPY results (id, run_id, series_id, median_ns, mean_ns, stddev_ns, stderr_ns, min_ns, max_ns, p5_ns, p95_ns, n, launch_count, launch_medians, allocated_bytes, failed)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var s = row.Statistics;
                copy.StartRow();
                copy.Write(resultIds[i], NpgsqlDbType.Bigint);
                copy.Write(runId, NpgsqlDbType.Bigint);
                copy.Write(seriesIds[row.SeriesKey], NpgsqlDbType.Bigint);
                WriteDouble(copy, s?.Median);
                WriteDouble(copy, s?.Mean);
                WriteDouble(copy, s?.StandardDeviation);
                WriteDouble(copy, s?.StandardError);
                WriteDouble(copy, s?.Min);
                WriteDouble(copy, s?.Max);
                WriteDouble(copy, s?.P5);
                WriteDouble(copy, s?.P95);
                copy.Write(s?.N ?? 0, NpgsqlDbType.Integer);
                copy.Write(row.LaunchCount, NpgsqlDbType.Integer);
                WriteBytes(copy, row.LaunchMedians);
                WriteDouble(copy, row.AllocatedBytes);
                copy.Write(s is null, NpgsqlDbType.Boolean);
                AfterResultWritten?.Invoke(i);
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("COPY result_samples (result_id, raw_values, raw_count, launch_layout, metrics) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (!row.HasSamples)
                {
                    continue;
                }

                copy.StartRow();
                copy.Write(resultIds[i], NpgsqlDbType.Bigint);
                WriteBytes(copy, row.RawValues);
                copy.Write(row.RawCount, NpgsqlDbType.Integer);
                WriteText(copy, row.LaunchLayout);
                WriteText(copy, row.Metrics);
            }

            copy.Complete();
        }

        InsertAlerts(connection, transaction, runId, alerts);
        return runId;
    }

    internal void InsertAlerts(NpgsqlConnection connection, NpgsqlTransaction transaction, long? runId, IReadOnlyList<AlertRow> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var alert in alerts)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO alerts (project, run_id, triggered_at, branch, commit_sha, pull_request, fingerprint_key, tier, severity, series_key, metric,
                                    current_value, expected_value, deviation_percent, message, acknowledged, acknowledged_by, acknowledged_at, notes, acknowledgement_reason)
                VALUES (@project, @run_id, @at, @branch, @commit, @pull_request, @fingerprint, @tier, @severity, @series_key, @metric,
                        @current, @expected, @deviation, @message, @acknowledged, @acknowledged_by, @acknowledged_at, @notes, @reason);
                """);
            var p = command.Parameters;
            p.AddWithValue("project", _project);
            p.AddWithValue("run_id", NpgsqlDbType.Bigint, DbValue(runId));
            p.AddWithValue("at", alert.TriggeredAt);
            p.AddWithValue("branch", alert.Branch);
            p.AddWithValue("commit", NpgsqlDbType.Text, DbValue(alert.Commit));
            p.AddWithValue("pull_request", NpgsqlDbType.Integer, DbValue(alert.PullRequest));
            p.AddWithValue("fingerprint", alert.FingerprintKey);
            p.AddWithValue("tier", alert.Tier);
            p.AddWithValue("severity", alert.Severity);
            p.AddWithValue("series_key", alert.SeriesKey);
            p.AddWithValue("metric", alert.Metric);
            // As SQLite: a finding without a figure is stored as NULL (read back as NaN).
            p.AddWithValue("current", NpgsqlDbType.Double, DbValue(alert.CurrentValue));
            p.AddWithValue("expected", NpgsqlDbType.Double, DbValue(alert.ExpectedValue));
            p.AddWithValue("deviation", NpgsqlDbType.Double, DbValue(alert.DeviationPercent));
            p.AddWithValue("message", alert.Message);
            p.AddWithValue("acknowledged", alert.Acknowledged);
            p.AddWithValue("acknowledged_by", NpgsqlDbType.Text, DbValue(alert.AcknowledgedBy));
            p.AddWithValue("acknowledged_at", NpgsqlDbType.Bigint, DbValue(alert.AcknowledgedAt));
            p.AddWithValue("notes", NpgsqlDbType.Text, DbValue(alert.Notes));
            p.AddWithValue("reason", NpgsqlDbType.Text, DbValue(alert.Reason));
            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
    }

    /// <summary>The ids of the rows' series, creating the missing ones (in key order) in the caller's transaction.</summary>
    private Dictionary<string, long> EnsureSeries(NpgsqlConnection connection, IReadOnlyList<SeriesRow> rows)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = new List<SeriesRow>();
        foreach (var row in rows)
        {
            if (_seriesIds.TryGetValue(row.Key, out var id))
            {
                ids[row.Key] = id;
            }
            else
            {
                missing.Add(row);
            }
        }

        if (missing.Count == 0)
        {
            return ids;
        }

        missing = [.. missing.DistinctBy(r => r.Key, StringComparer.Ordinal)];
        missing.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        using (var insert = new NpgsqlCommand("""
            INSERT INTO series (project, key, kind, type, method, parameters, job, display_name, full_name)
            SELECT @project, k, kind, type, method, parameters, job, display_name, full_name
            FROM unnest(@keys, @kinds, @types, @methods, @parameters, @jobs, @display_names, @full_names)
                 WITH ORDINALITY AS u (k, kind, type, method, parameters, job, display_name, full_name, ord)
            ORDER BY ord
            ON CONFLICT (project, key) DO NOTHING;
            """, connection))
        {
            var p = insert.Parameters;
            p.AddWithValue("project", _project);
            p.AddWithValue("keys", missing.Select(r => r.Key).ToArray());
            p.AddWithValue("kinds", missing.Select(r => r.Kind).ToArray());
            p.AddWithValue("types", NpgsqlDbType.Array | NpgsqlDbType.Text, missing.Select(r => r.Type).ToArray());
            p.AddWithValue("methods", NpgsqlDbType.Array | NpgsqlDbType.Text, missing.Select(r => r.Method).ToArray());
            p.AddWithValue("parameters", NpgsqlDbType.Array | NpgsqlDbType.Text, missing.Select(r => r.Parameters).ToArray());
            p.AddWithValue("jobs", NpgsqlDbType.Array | NpgsqlDbType.Text, missing.Select(r => r.Job).ToArray());
            p.AddWithValue("display_names", missing.Select(r => r.DisplayName).ToArray());
            p.AddWithValue("full_names", missing.Select(r => r.FullName).ToArray());
            insert.ExecuteNonQuery();
        }

        using var select = new NpgsqlCommand("SELECT key, id FROM series WHERE project = @project AND key = ANY(@keys);", connection);
        select.Parameters.AddWithValue("project", _project);
        select.Parameters.AddWithValue("keys", missing.Select(r => r.Key).ToArray());
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        return ids;
    }

    /// <summary>Ids for the run's result rows from the identity sequence, ascending (the recorded order).</summary>
    private static long[] ReserveResultIds(NpgsqlConnection connection, int count)
    {
        if (count == 0)
        {
            return [];
        }

        using var command = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('results', 'id')) FROM generate_series(1, @count);", connection);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<long>(count);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        return [.. ids];
    }

    private static void WriteDouble(NpgsqlBinaryImporter copy, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            copy.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void WriteBytes(NpgsqlBinaryImporter copy, byte[]? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Bytea);
        }
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }
}

/// <summary>A <c>runs</c> row apart from its id and project.</summary>
internal sealed record RunHeaderRow(long RecordedAt, string? Commit, string Branch, int? PullRequest, HostFingerprint Host, string Detail, string Source)
{
    public static RunHeaderRow From(RecordedRun run) => new(
        run.Timestamp.ToUnixTimeMilliseconds(),
        run.Commit,
        run.Branch,
        run.PullRequest,
        run.Run.Host,
        StoredNames.Of(run.Run.Detail),
        string.Join('\n', run.Run.Sources.IsDefault ? [] : run.Run.Sources));

    public static RunHeaderRow From(StoredRun run) => new(
        run.Timestamp.ToUnixTimeMilliseconds(),
        run.Commit,
        run.Branch,
        run.PullRequest,
        run.Host,
        StoredNames.Of(run.Detail),
        string.Join('\n', run.Sources.IsDefault ? [] : run.Sources));
}

/// <summary>An <c>alerts</c> row apart from its id, project and run.</summary>
internal sealed record AlertRow(
    long TriggeredAt, string Branch, string? Commit, int? PullRequest, string FingerprintKey, string Tier, string Severity, string SeriesKey, string Metric,
    double CurrentValue, double ExpectedValue, double DeviationPercent, string Message, bool Acknowledged, string? AcknowledgedBy, long? AcknowledgedAt, string? Notes,
    string? Reason = null)
{
    public static AlertRow From(AlertRecord alert, RecordedRun run) => new(
        run.Timestamp.ToUnixTimeMilliseconds(), run.Branch, run.Commit, run.PullRequest, run.Run.Host.Key,
        StoredNames.Of(alert.Tier), StoredNames.Of(alert.Severity), alert.SeriesKey, alert.Metric,
        alert.CurrentValue, alert.ExpectedValue, alert.DeviationPercent, alert.Message, false, null, null, null);

    public static AlertRow From(StoredAlert alert) => new(
        alert.TriggeredAt.ToUnixTimeMilliseconds(), alert.Branch, alert.Commit, alert.PullRequest, alert.FingerprintKey,
        StoredNames.Of(alert.Tier), StoredNames.Of(alert.Severity), alert.SeriesKey, alert.Metric,
        alert.CurrentValue, alert.ExpectedValue, alert.DeviationPercent, alert.Message, alert.Acknowledged, alert.AcknowledgedBy,
        alert.AcknowledgedAt?.ToUnixTimeMilliseconds(), alert.Notes, alert.Reason is { } r ? AlertReasons.Name(r) : null);
}
