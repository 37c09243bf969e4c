using Npgsql;

namespace PerfGate.Core.History.Postgres;

public sealed partial class PostgresHistoryStore
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
        using var command = new NpgsqlCommand(
            "SELECT s.trend_key, s.window_key, s.steps FROM run_steps s JOIN runs r ON r.id = s.run_id WHERE s.run_id = @run_id AND r.project = @project;",
            connection);
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.AddWithValue("project", _project);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRunSteps(runId, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)) : null;
    });

    /// <inheritdoc />
    public void SaveRunSteps(StoredRunSteps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ExecuteWrite(connection =>
        {
            // Only a run of this project: another project's run id is not this store's to annotate.
            using var command = new NpgsqlCommand("""
                INSERT INTO run_steps (run_id, trend_key, window_key, steps)
                SELECT id, @trend_key, @window_key, @steps FROM runs WHERE id = @run_id AND project = @project
                ON CONFLICT (run_id) DO UPDATE SET trend_key = excluded.trend_key, window_key = excluded.window_key, steps = excluded.steps;
                """, connection);
            command.Parameters.AddWithValue("run_id", steps.RunId);
            command.Parameters.AddWithValue("project", _project);
            command.Parameters.AddWithValue("trend_key", steps.TrendKey);
            command.Parameters.AddWithValue("window_key", steps.WindowKey);
            command.Parameters.AddWithValue("steps", steps.Steps);
            if (command.ExecuteNonQuery() == 0)
            {
                throw new HistoryException(Path, HistoryFailure.IoError, $"run {steps.RunId} is not in this history; its steps were not stored.");
            }

            return 0;
        });
    }
}
