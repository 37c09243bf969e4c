using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>The run history: what the gate reads (recent points per series) and what the verbs read and write.</summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>Stores a run, its results and its alerts in one transaction: all or nothing. Returns the run id.</summary>
    long RecordRun(RecordedRun run, IReadOnlyList<AlertRecord> alerts);

    /// <summary>The newest <paramref name="perSeries"/> points per series on a branch (optionally one machine fingerprint), newest first.</summary>
    IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> GetRecent(string branch, IReadOnlyCollection<string> seriesKeys, int perSeries, string? fingerprintKey = null);

    StoredRun? LatestRun(string? branch = null);

    StoredRun? GetRun(long id);

    /// <summary>Runs whose commit starts with <paramref name="commitPrefix"/>, newest first.</summary>
    IReadOnlyList<StoredRun> FindRunsByCommit(string commitPrefix);

    /// <summary>Runs recorded at or after <paramref name="since"/> (all when null), oldest first.</summary>
    IReadOnlyList<StoredRun> Runs(DateTimeOffset? since = null, string? branch = null);

    IReadOnlyList<StoredResult> Results(long runId);

    IReadOnlyList<StoredAlert> Alerts(DateTimeOffset? since = null, bool unacknowledgedOnly = false);

    /// <summary>Marks an alert acknowledged; false when there is no such alert.</summary>
    bool Acknowledge(long alertId, string by, string notes, DateTimeOffset at);

    /// <summary>Retention: raw runs older than <paramref name="rawRetention"/> become daily aggregates, aggregates older than <paramref name="aggregateRetention"/> are deleted; alerts are kept.</summary>
    PruneResult Prune(DateTimeOffset now, TimeSpan? rawRetention = null, TimeSpan? aggregateRetention = null);
}
