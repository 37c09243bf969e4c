namespace PerfGate.Core.History.Postgres;

/// <summary>How <see cref="PostgresHistoryStore"/> uses its database.</summary>
public sealed record PostgresHistoryOptions
{
    /// <summary>The project name when none is given (the CLI passes GITHUB_REPOSITORY when set).</summary>
    public const string DefaultProject = "default";

    public static PostgresHistoryOptions Default { get; } = new();

    /// <summary>
    /// The repository this store reads and writes: every run, series, alert and target carries it, so one database
    /// serves many repositories without mixing their series.
    /// </summary>
    public string Project { get; init; } = DefaultProject;

    /// <summary>How long a statement may wait (for a lock, or the server) before failing with <see cref="HistoryFailure.Locked"/>.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many raw values are kept per result, sampled evenly from each launch (as SQLite).</summary>
    public int MaxStoredValuesPerResult { get; init; } = 200;

    /// <summary>The clock for bookkeeping columns (when a migration was applied).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
