namespace PerfGate.Core.History;

/// <summary>How <see cref="SqliteHistoryStore"/> opens and writes its file.</summary>
public sealed record SqliteHistoryOptions
{
    public static SqliteHistoryOptions Default { get; } = new();

    /// <summary>How long to wait for another writer (another gate process) before failing with <see cref="HistoryFailure.Locked"/>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many raw values are kept per result, sampled evenly from each launch.</summary>
    public int MaxStoredValuesPerResult { get; init; } = 200;

    /// <summary>The clock for bookkeeping columns (when a migration was applied); the store takes no other time from it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
