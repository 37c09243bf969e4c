using System.Text;
using Npgsql;
using NpgsqlTypes;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
{
    // A new alerts column (e.g. an acknowledgement reason) goes in three places: this list, ReadAlerts below, and
    // Acknowledge's UPDATE, after its migration in PostgresMigrations.All.
    private const string AlertColumns = """
        SELECT id, run_id, triggered_at, branch, commit_sha, pull_request, fingerprint_key, tier, severity, series_key, metric,
               current_value, expected_value, deviation_percent, message, acknowledged, acknowledged_by, acknowledged_at, notes, acknowledgement_reason
        FROM alerts
        WHERE project = @project
        """;

    /// <inheritdoc />
    public IReadOnlyList<StoredAlert> GetAlerts(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Execute(connection =>
        {
            using var command = new NpgsqlCommand { Connection = connection };
            command.Parameters.AddWithValue("project", _project);
            // Only fixed clauses are appended; every value is a parameter.
            var sql = new StringBuilder(AlertColumns);
            if (filter.MinimumSeverity is { } minimum)
            {
                sql.Append(" AND severity = ANY(@severities)");
                command.Parameters.AddWithValue("severities", Enum.GetValues<Severity>().Where(s => s >= minimum).Select(StoredNames.Of).ToArray());
            }

            if (filter.UnacknowledgedOnly)
            {
                sql.Append(" AND NOT acknowledged");
            }

            if (filter.Since is { } since)
            {
                sql.Append(" AND triggered_at >= @since");
                command.Parameters.AddWithValue("since", since.ToUnixTimeMilliseconds());
            }

            if (filter.Id is { } id)
            {
                sql.Append(" AND id = @id");
                command.Parameters.AddWithValue("id", id);
            }

            if (filter.SeriesContains is { Length: > 0 } series)
            {
                sql.Append(" AND strpos(lower(series_key), lower(@series)) > 0");
                command.Parameters.AddWithValue("series", series);
            }

            if (filter.RunId is { } runId)
            {
                sql.Append(" AND run_id = @run_id");
                command.Parameters.AddWithValue("run_id", runId);
            }

            sql.Append(" ORDER BY triggered_at DESC, id DESC LIMIT @limit;");
            command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, (object?)filter.Limit ?? DBNull.Value);
            command.CommandText = sql.ToString();
            return (IReadOnlyList<StoredAlert>)ReadAlerts(command);
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredAlert> GetAcknowledged(IReadOnlyCollection<string> seriesKeys, string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(seriesKeys);
        if (seriesKeys.Count == 0)
        {
            return [];
        }

        return Execute(connection =>
        {
            using var command = new NpgsqlCommand(AlertColumns + """

                  AND acknowledged
                  AND series_key = ANY(@keys)
                  AND (@branch::text IS NULL OR branch = @branch)
                ORDER BY acknowledged_at DESC, id DESC;
                """, connection);
            command.Parameters.AddWithValue("project", _project);
            command.Parameters.AddWithValue("keys", seriesKeys.ToArray());
            command.Parameters.AddWithValue("branch", NpgsqlDbType.Text, DbValue(branch));
            return (IReadOnlyList<StoredAlert>)ReadAlerts(command);
        });
    }

    /// <inheritdoc />
    public bool Acknowledge(long alertId, string by, string notes, DateTimeOffset at, AlertReason? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentNullException.ThrowIfNull(notes);
        return Execute(connection =>
        {
            using var command = new NpgsqlCommand(
                "UPDATE alerts SET acknowledged = true, acknowledged_by = @by, acknowledged_at = @at, notes = @notes, acknowledgement_reason = @reason WHERE id = @id AND project = @project;",
                connection);
            command.Parameters.AddWithValue("by", by);
            command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("notes", notes);
            command.Parameters.AddWithValue("reason", NpgsqlTypes.NpgsqlDbType.Text, reason is { } r ? AlertReasons.Name(r) : DBNull.Value);
            command.Parameters.AddWithValue("id", alertId);
            command.Parameters.AddWithValue("project", _project);
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <inheritdoc />
    public void UpsertTargets(IReadOnlyCollection<PerformanceTarget> targets, DateTimeOffset at, bool deactivateMissing = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(target.SeriesKey, nameof(targets));
        }

        ExecuteWrite(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var target in targets)
            {
                UpsertTarget(connection, transaction, target, at);
            }

            if (deactivateMissing)
            {
                using var deactivate = new NpgsqlCommand(
                    "UPDATE targets SET active = false, updated_at = @at WHERE project = @project AND active AND NOT (series_key = ANY(@keys));",
                    connection, transaction);
                deactivate.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
                deactivate.Parameters.AddWithValue("project", _project);
                deactivate.Parameters.AddWithValue("keys", targets.Select(t => t.SeriesKey).ToArray());
                deactivate.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<PerformanceTarget> GetTargets(bool includeInactive = false) => Execute(connection =>
    {
        using var command = new NpgsqlCommand(
            "SELECT series_key, target, warning, error, unit, description, active, updated_at FROM targets WHERE project = @project AND (active OR @all) ORDER BY series_key COLLATE \"C\";",
            connection);
        command.Parameters.AddWithValue("project", _project);
        command.Parameters.AddWithValue("all", includeInactive);
        var targets = new List<PerformanceTarget>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            targets.Add(new PerformanceTarget(
                reader.GetString(0),
                reader.GetDouble(1),
                NullableDouble(reader, 2),
                NullableDouble(reader, 3),
                reader.GetString(4),
                NullableString(reader, 5),
                reader.GetBoolean(6))
            {
                UpdatedAt = FromUnixMs(reader.GetInt64(7)),
            });
        }

        return (IReadOnlyList<PerformanceTarget>)targets;
    });

    private static List<StoredAlert> ReadAlerts(NpgsqlCommand command)
    {
        var alerts = new List<StoredAlert>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            alerts.Add(StoredRows.Alert(reader));
        }

        return alerts;
    }

    /// <summary>Inserts or replaces one target of this project, stamped <paramref name="updatedAt"/> (configuration sync and <c>history copy</c>).</summary>
    private void UpsertTarget(NpgsqlConnection connection, NpgsqlTransaction transaction, PerformanceTarget target, DateTimeOffset updatedAt)
    {
        using var upsert = new NpgsqlCommand("""
            INSERT INTO targets (project, series_key, target, warning, error, unit, description, updated_at, active)
            VALUES (@project, @series_key, @target, @warning, @error, @unit, @description, @updated_at, @active)
            ON CONFLICT (project, series_key) DO UPDATE SET
                target = excluded.target, warning = excluded.warning, error = excluded.error, unit = excluded.unit,
                description = excluded.description, updated_at = excluded.updated_at, active = excluded.active;
            """, connection, transaction);
        var p = upsert.Parameters;
        p.AddWithValue("project", _project);
        p.AddWithValue("series_key", target.SeriesKey);
        p.AddWithValue("target", target.Target);
        p.AddWithValue("warning", NpgsqlDbType.Double, DbValue(target.Warning));
        p.AddWithValue("error", NpgsqlDbType.Double, DbValue(target.Error));
        p.AddWithValue("unit", target.Unit);
        p.AddWithValue("description", NpgsqlDbType.Text, DbValue(target.Description));
        p.AddWithValue("updated_at", updatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("active", target.Active);
        upsert.ExecuteNonQuery();
    }
}
