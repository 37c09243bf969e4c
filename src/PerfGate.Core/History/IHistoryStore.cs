using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>
/// What the gate needs from the history: record a run with its alerts, and read the recent points of the series
/// it judges. Implementations throw <see cref="HistoryException"/> for every storage problem.
/// </summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>The history file, for messages.</summary>
    string Path { get; }

    /// <summary>
    /// Records the run, every result (benchmarks and run-level metrics as <c>metric:ID</c> series) and the alerts in
    /// one transaction: all or nothing. Concurrent writers wait for each other up to the busy timeout.
    /// </summary>
    /// <returns>The new run's id.</returns>
    long RecordRun(RecordedRun run, IReadOnlyList<AlertRecord> alerts);

    /// <summary>
    /// The newest <paramref name="perSeries"/> points of each series on <paramref name="branch"/> (only runs with
    /// <paramref name="fingerprintKey"/> when given), newest first. Every requested key is in the answer; a series
    /// with no history has an empty array. Failed results are not points.
    /// </summary>
    IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> GetRecent(
        string branch,
        IReadOnlyCollection<string> seriesKeys,
        int perSeries,
        string? fingerprintKey = null);
}
