using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore : IHistoryTransfer
{
    bool IHistoryTransfer.IsEmpty() => Execute(connection =>
    {
        using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM runs WHERE project = @project)
                OR EXISTS (SELECT 1 FROM alerts WHERE project = @project)
                OR EXISTS (SELECT 1 FROM targets WHERE project = @project)
                OR EXISTS (SELECT 1 FROM daily_aggregates a JOIN series s ON s.id = a.series_id WHERE s.project = @project);
            """, connection);
        command.Parameters.AddWithValue("project", _project);
        return command.ExecuteScalar() is false;
    });

    IReadOnlyList<long> IHistoryTransfer.GetAllRunIds() => Execute(connection =>
    {
        using var command = new NpgsqlCommand("SELECT id FROM runs WHERE project = @project ORDER BY id;", connection);
        command.Parameters.AddWithValue("project", _project);
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
        using var command = new NpgsqlCommand(
            "SELECT key, kind, type, method, parameters, job, display_name, full_name FROM series WHERE project = @project ORDER BY id;", connection);
        command.Parameters.AddWithValue("project", _project);
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
        using var command = new NpgsqlCommand("""
            SELECT a.day, a.branch, s.key, a.fingerprint_key, a.runs, a.median_of_medians, a.min, a.max, a.p5, a.p95, a.mean_allocated
            FROM daily_aggregates a JOIN series s ON s.id = a.series_id
            WHERE s.project = @project
            ORDER BY s.key COLLATE "C", a.day COLLATE "C", a.branch COLLATE "C", a.fingerprint_key COLLATE "C";
            """, connection);
        command.Parameters.AddWithValue("project", _project);
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
            using var transaction = connection.BeginTransaction();
            var seriesIds = EnsureSeries(connection, content.Series);
            var runIds = new Dictionary<long, long>();
            var results = 0;
            foreach (var run in content.Runs)
            {
                var rows = run.Results.Select(ResultRow.FromStored).ToList();
                runIds[run.Run.Id] = WriteRunRows(connection, transaction, RunHeaderRow.From(run.Run), rows, [], seriesIds);
                results += rows.Count;
            }

            foreach (var alert in content.Alerts)
            {
                InsertAlerts(connection, transaction, alert.RunId is { } old && runIds.TryGetValue(old, out var mapped) ? mapped : null, [AlertRow.From(alert)]);
            }

            foreach (var target in content.Targets)
            {
                UpsertTarget(connection, transaction, target, target.UpdatedAt ?? DateTimeOffset.UnixEpoch);
            }

            foreach (var aggregate in content.Aggregates)
            {
                MergeAggregate(connection, transaction, seriesIds[aggregate.SeriesKey], aggregate);
            }

            transaction.Commit();
            foreach (var (key, id) in seriesIds)
            {
                _seriesIds.TryAdd(key, id);
            }

            return new HistoryCopyCounts(runIds.Count, results, content.Alerts.Count, content.Targets.Count, content.Aggregates.Count);
        });
    }
}
