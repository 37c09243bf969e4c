using PerfGate.Core.Statistics;

namespace PerfGate.Core.History;

/// <summary>A series' trend reference: the median over <see cref="Runs"/> earlier runs.</summary>
public readonly record struct TrendMedian(double Median, int Runs);

/// <summary>
/// The trend reference of <c>perfgate status</c>: per series, the median headline value over the earlier runs of the
/// same branch and machine fingerprint within <c>[from, to)</c>, the run itself excluded.
/// </summary>
public static class TrendMedians
{
    /// <summary>Whether <paramref name="earlier"/> belongs to the trend of <paramref name="run"/>.</summary>
    public static bool Counts(StoredRun run, StoredRun earlier, DateTimeOffset from, DateTimeOffset to) =>
        earlier.Id != run.Id && earlier.Branch == run.Branch && earlier.FingerprintKey == run.FingerprintKey &&
        earlier.Timestamp >= from && earlier.Timestamp < to;

    /// <summary>The medians computed in memory from streamed runs: what any store can do.</summary>
    public static IReadOnlyDictionary<string, TrendMedian> From(StoredRun run, IEnumerable<RunValues> runs, DateTimeOffset from, DateTimeOffset to)
    {
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var earlier in runs.Where(r => Counts(run, r.Run, from, to)))
        {
            foreach (var v in earlier.Values)
            {
                if (v.Value is { } x && double.IsFinite(x))
                {
                    if (!values.TryGetValue(v.SeriesKey, out var list))
                    {
                        values.Add(v.SeriesKey, list = []);
                    }

                    list.Add(x);
                }
            }
        }

        return values.ToDictionary(p => p.Key, p => new TrendMedian(Quantiles.Median(p.Value), p.Value.Count), StringComparer.Ordinal);
    }
}
