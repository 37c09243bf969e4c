using PerfGate.Core.History;
using PerfGate.Core.Scores;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Operations;

/// <summary>
/// This run against the last days of the baseline branch, for the end-of-job summary (seeds §7.1: "Trend: +3% vs
/// 7-day avg"): each benchmark's time against the median of its values in the branch's runs of the window (same
/// machine fingerprint only), combined into a <see cref="RegressionScore"/> (positive = faster; the interval from the
/// spread across benchmarks). <see cref="Score"/> is null when no benchmark has an earlier value in the window.
/// </summary>
public sealed record WeekTrend(RegressionScore? Score, int Runs, TimeSpan Span)
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);
}

/// <summary>
/// Builds a <see cref="WeekTrend"/> one earlier run at a time (pure: the caller reads the history). Feed it the
/// branch's runs of <see cref="Window"/>; runs of another machine, outside the window or without a benchmark are skipped.
/// </summary>
public sealed class WeekTrendBuilder
{
    private readonly IReadOnlyDictionary<string, double> _current;
    private readonly string _fingerprintKey;
    private readonly string _branch;
    private readonly Dictionary<string, List<double>> _earlier = new(StringComparer.Ordinal);
    private int _runs;

    /// <param name="current">This run's time per benchmark series key, in ns (the verdict's compared statistic).</param>
    /// <param name="fingerprintKey">This run's machine: only the same machine's runs are a fair comparison.</param>
    /// <param name="branch">The baseline branch whose runs are fed (for the wording).</param>
    /// <param name="now">The end of the window (this run's time, before it is recorded).</param>
    public WeekTrendBuilder(IReadOnlyDictionary<string, double> current, string fingerprintKey, string branch, DateTimeOffset now, TimeSpan? span = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        _current = current;
        _fingerprintKey = fingerprintKey;
        _branch = branch;
        Span = span ?? WeekTrend.DefaultSpan;
        Window = (now - Span, now);
    }

    public TimeSpan Span { get; }

    /// <summary><c>[now − span, now)</c>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window { get; }

    /// <summary>Adds an earlier run's headline values (<see cref="IHistoryOperations.StreamRunValues"/>: no samples read).</summary>
    public void AddRun(RunValues run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Run.FingerprintKey != _fingerprintKey || run.Run.Branch != _branch || run.Run.Timestamp < Window.From || run.Run.Timestamp >= Window.To)
        {
            return;
        }

        // Only this run's benchmarks count (their keys; run-level metrics are "metric:ID" series and never among them).
        var counted = false;
        foreach (var (key, value) in run.Values)
        {
            if (_current.ContainsKey(key) && value is { } v && double.IsFinite(v) && v > 0)
            {
                if (!_earlier.TryGetValue(key, out var values))
                {
                    values = [];
                    _earlier.Add(key, values);
                }

                values.Add(v);
                counted = true;
            }
        }

        _runs += counted ? 1 : 0;
    }

    public WeekTrend Build()
    {
        var changes = _earlier
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => ScoredChange.Of(e.Key, Quantiles.Median(e.Value), _current[e.Key]))
            .OfType<ScoredChange>()
            .ToList();
        var days = Span.TotalDays.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return new WeekTrend(RegressionScore.From(changes, $"the {days}-day median of {_branch}"), _runs, Span);
    }
}
