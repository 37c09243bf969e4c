using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

public sealed partial class SqliteHistoryStore
{
    /// <inheritdoc />
    public IReadOnlyList<long> GetWindowRunIds(string branch, string? fingerprintKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(branch);
        return Execute(connection => (IReadOnlyList<long>)[.. ReadBranchRuns(connection, branch, fingerprintKey).Select(r => r.Id)]);
    }

    /// <inheritdoc />
    public StoredRunSteps? GetRunSteps(long runId) => Execute(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT trend_key, window_key, steps FROM run_steps WHERE run_id = $run_id;";
        command.Parameters.AddWithValue("$run_id", runId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRunSteps(runId, reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)) : null;
    });

    /// <inheritdoc />
    public void SaveRunSteps(StoredRunSteps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Execute(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO run_steps (run_id, trend_key, window_key, steps) VALUES ($run_id, $trend_key, $window_key, $steps)
                ON CONFLICT (run_id) DO UPDATE SET trend_key = excluded.trend_key, window_key = excluded.window_key, steps = excluded.steps;
                """;
            command.Parameters.AddWithValue("$run_id", steps.RunId);
            command.Parameters.AddWithValue("$trend_key", steps.TrendKey);
            command.Parameters.AddWithValue("$window_key", steps.WindowKey);
            Parameter(command, "$steps", SqliteType.Blob).Value = steps.Steps;
            return command.ExecuteNonQuery();
        });
    }
}
