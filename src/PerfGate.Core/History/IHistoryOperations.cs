namespace PerfGate.Core.History;

/// <summary>
/// What the operations verbs (history, alerts, report, export, compare, prune) need beyond the gate's
/// <see cref="IHistoryStore"/>. Throws <see cref="HistoryException"/> for every storage problem.
/// </summary>
public interface IHistoryOperations : IHistoryStore
{
    /// <summary>The newest run, on <paramref name="branch"/> when given; null when there is none.</summary>
    StoredRun? GetLatestRun(string? branch = null);

    StoredRun? GetRun(long runId);

    /// <summary>Runs whose commit starts with <paramref name="commitPrefix"/> (case-insensitive hex), newest first.</summary>
    IReadOnlyList<StoredRun> FindRunsByCommit(string commitPrefix);

    /// <summary>The run's results in recorded order; empty when there is no such run.</summary>
    IReadOnlyList<StoredResult> GetResults(long runId);

    /// <summary>The run with its results, or null.</summary>
    RunWithResults? LoadRun(long runId);

    /// <summary>
    /// The run as <see cref="LoadRun"/> gives it, without the stored raw values: each benchmark's
    /// <see cref="Results.BenchmarkResult.Launches"/> and <see cref="Results.BenchmarkResult.OriginalValues"/> are empty
    /// (<see cref="StoredResult.OriginalValueCount"/> still counts them); statistics, launch medians, allocations and
    /// metrics are all there. For callers that show the headline figures (<c>perfgate status</c>), not test them.
    /// </summary>
    RunWithResults? LoadRunWithoutSamples(long runId) => LoadRun(runId);

    /// <summary>
    /// Runs with <c>from &lt;= timestamp &lt; to</c>, oldest first, each with its results, read one run at a time from a
    /// consistent snapshot while the caller enumerates (dispose the enumerator to release it).
    /// </summary>
    IEnumerable<RunWithResults> StreamRuns(DateTimeOffset from, DateTimeOffset to, string? branch = null);

    /// <summary>
    /// The runs <see cref="StreamRuns"/> gives, each with only its series' headline values (what a trend needs). A store
    /// reads them without the samples when it can; this default derives them from the full runs.
    /// </summary>
    IEnumerable<RunValues> StreamRunValues(DateTimeOffset from, DateTimeOffset to, string? branch = null) =>
        StreamRuns(from, to, branch).Select(RunValues.From);

    /// <summary>
    /// Per series, the median headline value over the runs before <paramref name="run"/> on its branch and machine
    /// fingerprint within <c>[from, to)</c> (<see cref="TrendMedians"/>): the trend <c>perfgate status</c> shows.
    /// </summary>
    IReadOnlyDictionary<string, TrendMedian> GetTrendMedians(StoredRun run, DateTimeOffset from, DateTimeOffset to) =>
        TrendMedians.From(run, StreamRunValues(from, to, run.Branch), from, to);

    /// <summary>
    /// The ids of the runs <see cref="IHistoryStore.GetRecent"/> searches on <paramref name="branch"/> for
    /// <paramref name="fingerprintKey"/> (every run of the branch on a comparable machine; all its runs without a
    /// fingerprint), in its order, newest first: what a run's stored steps depend on besides the run's own results.
    /// </summary>
    IReadOnlyList<long> GetWindowRunIds(string branch, string? fingerprintKey);

    /// <summary>The run's stored steps (<c>run_steps</c>), or null when none were stored for it.</summary>
    StoredRunSteps? GetRunSteps(long runId);

    /// <summary>Stores the run's steps, replacing any row it had (throws <see cref="HistoryException"/> when the run is gone).</summary>
    void SaveRunSteps(StoredRunSteps steps);

    /// <summary>Alerts matching the filter, newest first.</summary>
    IReadOnlyList<StoredAlert> GetAlerts(AlertFilter filter);

    /// <summary>
    /// The acknowledged alerts of these series (recorded on <paramref name="branch"/> when given), newest
    /// acknowledgement first: what the gate's acknowledgement rule needs (docs/alerts.md).
    /// </summary>
    IReadOnlyList<StoredAlert> GetAcknowledged(IReadOnlyCollection<string> seriesKeys, string? branch = null);

    /// <summary>
    /// Marks the alert acknowledged (overwriting an earlier acknowledgement) with why (<paramref name="reason"/>, stored in
    /// <c>alerts.acknowledgement_reason</c>, migration 2); false when there is no alert with that id.
    /// </summary>
    bool Acknowledge(long alertId, string by, string notes, DateTimeOffset at, AlertReason? reason = null);

    /// <summary>
    /// Inserts or updates the targets by series key, stamped with <paramref name="at"/>; with
    /// <paramref name="deactivateMissing"/>, targets not in the list are marked inactive (kept for the record).
    /// </summary>
    void UpsertTargets(IReadOnlyCollection<PerformanceTarget> targets, DateTimeOffset at, bool deactivateMissing = false);

    /// <summary>Targets ordered by series key; active ones only unless <paramref name="includeInactive"/>.</summary>
    IReadOnlyList<PerformanceTarget> GetTargets(bool includeInactive = false);

    /// <summary>Daily aggregates of one series (all branches unless given), oldest day first.</summary>
    IReadOnlyList<DailyAggregate> GetDailyAggregates(string seriesKey, string? branch = null);

    /// <summary>
    /// Retention, in one transaction: runs older than <paramref name="rawRetention"/> (default 30 days, counted from
    /// the UTC midnight before <c>now - rawRetention</c>) become daily aggregates per day × branch × series ×
    /// fingerprint and are deleted with their results; aggregates older than <paramref name="aggregateRetention"/>
    /// (default 365 days) are deleted. Alerts are kept.
    /// </summary>
    PruneResult Prune(DateTimeOffset now, TimeSpan? rawRetention = null, TimeSpan? aggregateRetention = null);
}
