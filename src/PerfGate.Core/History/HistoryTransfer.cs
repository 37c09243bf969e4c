using PerfGate.Core.History.Postgres;

namespace PerfGate.Core.History;

/// <summary>
/// What <c>perfgate history copy</c> needs beyond <see cref="IHistoryOperations"/>: everything a history holds, read
/// as stored, and written back as stored in one transaction (stored raw values, their original count and the launch
/// medians are kept, not recomputed; alerts keep their acknowledgement; targets their update time).
/// </summary>
internal interface IHistoryTransfer : IHistoryOperations
{
    /// <summary>True when the history (the project, for PostgreSQL) holds no run, alert, target or daily aggregate.</summary>
    bool IsEmpty();

    /// <summary>Every run's id, in id order (the order a copy writes them, so a fresh target numbers them alike).</summary>
    IReadOnlyList<long> GetAllRunIds();

    /// <summary>Every series row, so series known only from daily aggregates keep their names.</summary>
    IReadOnlyList<SeriesRow> GetAllSeries();

    /// <summary>Every daily aggregate, ordered by series key, day, branch and fingerprint.</summary>
    IReadOnlyList<DailyAggregate> GetAllDailyAggregates();

    /// <summary>
    /// Writes everything in one transaction (all or nothing). Runs get new ids in the order given; each alert's run id
    /// is mapped to its run's new id (null when its run is not among them: pruned).
    /// </summary>
    HistoryCopyCounts Import(HistoryContent content);
}

/// <summary>A <c>series</c> row without its id.</summary>
internal sealed record SeriesRow(string Key, string Kind, string? Type, string? Method, string? Parameters, string? Job, string DisplayName, string FullName)
{
    public static SeriesRow Of(ResultRow row) => new(row.SeriesKey, row.Kind, row.Type, row.Method, row.Parameters, row.Job, row.DisplayName, row.FullName);
}

/// <summary>A whole history to import; <see cref="Runs"/> may be read lazily from the source while importing.</summary>
internal sealed record HistoryContent(
    IReadOnlyList<SeriesRow> Series,
    IEnumerable<RunWithResults> Runs,
    IReadOnlyList<StoredAlert> Alerts,
    IReadOnlyList<PerformanceTarget> Targets,
    IReadOnlyList<DailyAggregate> Aggregates);

/// <summary>What a copy wrote.</summary>
public sealed record HistoryCopyCounts(int Runs, int Results, int Alerts, int Targets, int Aggregates);

/// <summary>Copies one history into another, without loss: <c>perfgate history copy</c>.</summary>
public static class HistoryCopy
{
    /// <summary>
    /// Copies everything from <paramref name="source"/> into <paramref name="target"/> in one target transaction.
    /// A target that already holds anything is refused unless <paramref name="append"/> (then runs and alerts are added
    /// with new ids, targets are upserted and aggregates of the same day merged).
    /// </summary>
    /// <exception cref="HistoryException">The target is not empty (and not appending), or either history fails.</exception>
    public static HistoryCopyCounts Copy(IHistoryOperations source, IHistoryOperations target, bool append = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var from = source as IHistoryTransfer ?? throw new ArgumentException($"{source.GetType().Name} cannot be copied from", nameof(source));
        var to = target as IHistoryTransfer ?? throw new ArgumentException($"{target.GetType().Name} cannot be copied to", nameof(target));
        if (!append && !to.IsEmpty())
        {
            throw new HistoryException(target.Path, HistoryFailure.Other,
                "the target history is not empty; nothing was copied. Copy into an empty history, or pass --append to add the runs to it.");
        }

        var content = new HistoryContent(
            from.GetAllSeries(),
            from.GetAllRunIds().Select(id => from.LoadRun(id)).OfType<RunWithResults>(),
            [.. from.GetAlerts(AlertFilter.All).OrderBy(a => a.Id)],
            from.GetTargets(includeInactive: true),
            from.GetAllDailyAggregates());
        return to.Import(content);
    }
}
