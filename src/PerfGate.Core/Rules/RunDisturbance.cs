using System.Globalization;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// Whether a single run was measured on a disturbed runner: its benchmarks scattered around the suite's common move
/// far more than any recorded main run's did. A single run is judged against the history on the assumption that it
/// is one more draw of the same process (the same machine in the same kind of state); a run made while other work
/// fought for the cores breaks it. Such a run's benchmarks move by wildly different amounts (+5% one, +4,000%
/// another), where a slower runner or a slower build moves them alike and a code change moves a few: the robust
/// spread of its changes around their median (the MAD, on the log scale) is what tells it.
/// <list type="bullet">
/// <item>each recorded run's spread: the MAD over benchmarks of its log distance from each benchmark's history median
/// (runs with at least <see cref="MinimumBenchmarks"/> benchmarks);</item>
/// <item>this run is disturbed when its spread is more than <see cref="Margin"/>× the largest of those and more than
/// the warning threshold itself: a suite whose benchmarks all stay within ±10% of their common move is never
/// called disturbed.</item>
/// </list>
/// A disturbed run's time comparisons cannot fail: their slowdowns are warnings that say only an A/B run (or a
/// run on a quiet runner) can decide. Allocations are exact and are judged as always. Pure.
/// </summary>
/// <param name="Spread">This run's MAD of log changes around its median.</param>
/// <param name="SeenSpread">The largest spread of a recorded run.</param>
/// <param name="Benchmarks">How many benchmarks the spread is of.</param>
public sealed record RunDisturbance(double Spread, double SeenSpread, int Benchmarks)
{
    /// <summary>Minimum number of benchmarks with history for a spread to mean anything.</summary>
    public const int MinimumBenchmarks = 5;

    /// <summary>How far beyond the largest recorded spread a run must scatter: a MAD of a dozen values varies by about ±40% by chance.</summary>
    public const double Margin = 2;

    /// <summary>Recorded runs needed before their spreads are a yardstick.</summary>
    public const int MinimumRecordedRuns = 3;

    /// <summary>
    /// The disturbance of this run, or null when it is not disturbed or the history cannot tell.
    /// </summary>
    /// <param name="changes">Per benchmark, this run's log value minus its history median.</param>
    /// <param name="references">The benchmarks' history references (their recorded runs give the yardstick).</param>
    /// <param name="warningPercent">The warning threshold: a spread below it is never a disturbance.</param>
    public static RunDisturbance? Detect(IReadOnlyList<double> changes, IEnumerable<HistoryReference> references, double warningPercent)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(references);
        if (changes.Count < MinimumBenchmarks)
        {
            return null;
        }

        var seen = SeenSpreads(references);
        if (seen.Length < MinimumRecordedRuns)
        {
            return null;
        }

        var spread = Mad(changes);
        var largest = seen.Max();
        var floor = Math.Log(1 + (warningPercent / 100));
        return spread > Margin * largest && spread > floor ? new RunDisturbance(spread, largest, changes.Count) : null;
    }

    /// <summary>Each recorded run's MAD of log distances from the benchmarks' history medians (runs with enough benchmarks).</summary>
    public static double[] SeenSpreads(IEnumerable<HistoryReference> references)
    {
        return [.. HistoryReference.DeviationsByRun(references, MinimumBenchmarks).Select(Mad)];
    }

    /// <summary>Median absolute deviation from the median (unscaled), on the values as given.</summary>
    public static double Mad(IReadOnlyList<double> values)
    {
        var median = Quantiles.Median([.. values]);
        return Quantiles.Median([.. values.Select(v => Math.Abs(v - median))]);
    }

    /// <summary>For a comparison's reason and the run's note.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"the runner was disturbed during this run: its {Benchmarks} benchmarks scattered ±{Percent(Spread):0.#}% around the suite's common move (median absolute deviation), more than {Margin:0}× the most any recorded main run scattered (±{Percent(SeenSpread):0.#}%)");

    private static double Percent(double log) => (Math.Exp(log) - 1) * 100;
}
