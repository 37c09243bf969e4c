using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    private const string AlertColumns = """
        SELECT id, run_id, triggered_at, branch, commit_sha, pull_request, fingerprint_key, tier, severity, series_key, metric,
               current_value, expected_value, deviation_percent, message, acknowledged, acknowledged_by, acknowledged_at, notes, acknowledgement_reason
        FROM alerts
        """;

    /// <summary>Acknowledged alerts of the given series (a JSON array bound as <c>$keys</c>), optionally on one branch, newest acknowledgement first.</summary>
    private const string AcknowledgedAlertsQuery = AlertColumns + """

        WHERE acknowledged = 1
          AND series_key IN (SELECT value FROM json_each($keys))
          AND ($branch IS NULL OR branch = $branch)
        ORDER BY acknowledged_at DESC, id DESC;
        """;

    /// <inheritdoc />
    public IReadOnlyList<StoredAlert> GetAlerts(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Execute(connection =>
        {
            using var command = connection.CreateCommand();
            // Only fixed clauses are appended; every value is a parameter.
            var sql = new StringBuilder(AlertColumns).Append(" WHERE 1 = 1");
            if (filter.MinimumSeverity is { } minimum)
            {
                sql.Append(" AND severity IN (SELECT value FROM json_each($severities))");
                var names = Enum.GetValues<Severity>().Where(s => s >= minimum).Select(StoredNames.Of).ToArray();
                command.Parameters.AddWithValue("$severities", HistoryJson.Strings(names));
            }

            if (filter.UnacknowledgedOnly)
            {
                sql.Append(" AND acknowledged = 0");
            }

            if (filter.Since is { } since)
            {
                sql.Append(" AND triggered_at >= $since");
                command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            }

            if (filter.Id is { } id)
            {
                sql.Append(" AND id = $id");
                command.Parameters.AddWithValue("$id", id);
            }

            if (filter.SeriesContains is { Length: > 0 } series)
            {
                sql.Append(" AND instr(lower(series_key), lower($series)) > 0");
                command.Parameters.AddWithValue("$series", series);
            }

            if (filter.RunId is { } runId)
            {
                sql.Append(" AND run_id = $run_id");
                command.Parameters.AddWithValue("$run_id", runId);
            }

            sql.Append(" ORDER BY triggered_at DESC, id DESC LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", filter.Limit ?? -1);
            command.CommandText = sql.ToString();

            var alerts = ReadAlerts(command);
            return (IReadOnlyList<StoredAlert>)alerts;
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
            using var command = connection.CreateCommand();
            command.CommandText = AcknowledgedAlertsQuery;
            command.Parameters.AddWithValue("$keys", HistoryJson.Strings(seriesKeys));
            command.Parameters.AddWithValue("$branch", (object?)branch ?? DBNull.Value);
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
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE alerts SET acknowledged = 1, acknowledged_by = $by, acknowledged_at = $at, notes = $notes, acknowledgement_reason = $reason WHERE id = $id;";
            command.Parameters.AddWithValue("$reason", reason is { } r ? AlertReasons.Name(r) : DBNull.Value);
            command.Parameters.AddWithValue("$by", by);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$notes", notes);
            command.Parameters.AddWithValue("$id", alertId);
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <inheritdoc />
    public void UpsertTargets(IReadOnlyCollection<PerformanceTarget> targets, DateTimeOffset at, bool deactivateMissing = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Execute(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var upsert = connection.CreateCommand())
            {
                upsert.CommandText = """
                    INSERT INTO targets (series_key, target, warning, error, unit, description, updated_at, active)
                    VALUES ($series_key, $target, $warning, $error, $unit, $description, $updated_at, $active)
                    ON CONFLICT (series_key) DO UPDATE SET
                        target = excluded.target, warning = excluded.warning, error = excluded.error, unit = excluded.unit,
                        description = excluded.description, updated_at = excluded.updated_at, active = excluded.active;
                    """;
                foreach (var target in targets)
                {
                    ArgumentException.ThrowIfNullOrWhiteSpace(target.SeriesKey, nameof(targets));
                    upsert.Parameters.Clear();
                    upsert.Parameters.AddWithValue("$series_key", target.SeriesKey);
                    upsert.Parameters.AddWithValue("$target", target.Target);
                    upsert.Parameters.AddWithValue("$warning", DbValue(target.Warning));
                    upsert.Parameters.AddWithValue("$error", DbValue(target.Error));
                    upsert.Parameters.AddWithValue("$unit", target.Unit);
                    upsert.Parameters.AddWithValue("$description", DbValue(target.Description));
                    upsert.Parameters.AddWithValue("$updated_at", at.ToUnixTimeMilliseconds());
                    upsert.Parameters.AddWithValue("$active", target.Active ? 1 : 0);
                    upsert.ExecuteNonQuery();
                }
            }

            if (deactivateMissing)
            {
                using var deactivate = connection.CreateCommand();
                deactivate.CommandText = "UPDATE targets SET active = 0, updated_at = $at WHERE active = 1 AND series_key NOT IN (SELECT value FROM json_each($keys));";
                deactivate.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                deactivate.Parameters.AddWithValue("$keys", HistoryJson.Strings(targets.Select(t => t.SeriesKey)));
                deactivate.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<PerformanceTarget> GetTargets(bool includeInactive = false) => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = includeInactive
            ? "SELECT series_key, target, warning, error, unit, description, active, updated_at FROM targets ORDER BY series_key;"
            : "SELECT series_key, target, warning, error, unit, description, active, updated_at FROM targets WHERE active = 1 ORDER BY series_key;";
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
                reader.GetInt64(6) != 0)
            {
                UpdatedAt = FromUnixMs(reader.GetInt64(7)),
            });
        }

        return (IReadOnlyList<PerformanceTarget>)targets;
    });

    private static List<StoredAlert> ReadAlerts(SqliteCommand command)
    {
        var alerts = new List<StoredAlert>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            alerts.Add(StoredRows.Alert(reader));
        }

        return alerts;
    }
}
