using System.Collections.Immutable;
using PerfGate.Core.Rules;

namespace PerfGate.Core.Tests.Rules;

/// <summary>Literal cases: recorded runs' scatter in, disturbed or not out.</summary>
public class RunDisturbanceTests
{
    /// <summary>Five benchmarks whose recorded runs (ids 1–4) scatter around their medians by the given log offsets.</summary>
    private static IEnumerable<HistoryReference> History(params double[][] offsetsPerRun)
    {
        var benchmarks = offsetsPerRun[0].Length;
        for (var b = 0; b < benchmarks; b++)
        {
            var logs = offsetsPerRun.Select(run => 10 + run[b]).ToImmutableArray();
            yield return new HistoryReference
            {
                LogValues = logs,
                Values = [.. logs.Select(Math.Exp)],
                LogMedian = 10,
                RunLogValues = [.. logs.Select((v, i) => ((long)(i + 1), v))],
            };
        }
    }

    private static readonly double[][] QuietRuns =
    [
        [0.01, -0.02, 0.00, 0.02, -0.01],
        [-0.01, 0.01, 0.02, -0.02, 0.00],
        [0.02, 0.00, -0.01, 0.01, -0.02],
        [0.00, 0.02, -0.02, 0.00, 0.01],
    ];

    [Fact]
    public void Recorded_runs_spread_is_the_median_absolute_deviation_around_each_runs_own_median()
    {
        var spreads = RunDisturbance.SeenSpreads(History(QuietRuns));

        spreads.Length.ShouldBe(4);
        spreads[0].ShouldBe(0.01, 1e-12); // median 0.00; deviations 0.01 0.02 0 0.02 0.01 → 0.01
    }

    [Fact]
    public void A_run_scattered_far_beyond_the_history_is_disturbed()
    {
        double[] changes = [0.1, 0.9, 0.3, 2.2, 0.6];

        var d = RunDisturbance.Detect(changes, History(QuietRuns), warningPercent: 10).ShouldNotBeNull();

        d.Spread.ShouldBe(0.3, 1e-12); // median 0.6; deviations 0.5 0.3 0.3 1.6 0 → 0.3
        d.SeenSpread.ShouldBe(0.01, 1e-12);
        d.Describe().ShouldContain("±35");
    }

    [Fact]
    public void A_uniformly_slower_run_is_not_disturbed_however_large_the_move()
    {
        double[] changes = [0.69, 0.70, 0.71, 0.68, 0.70];

        RunDisturbance.Detect(changes, History(QuietRuns), warningPercent: 10).ShouldBeNull();
    }

    [Fact]
    public void Scatter_within_the_warning_threshold_is_never_a_disturbance()
    {
        // 10× the history's scatter, but every benchmark within ±6% of the common move.
        double[] changes = [0.00, 0.06, -0.06, 0.10, -0.10];

        RunDisturbance.Detect(changes, History(QuietRuns), warningPercent: 10).ShouldBeNull();
    }

    [Fact]
    public void Without_three_recorded_runs_nothing_is_called_disturbed()
    {
        double[] changes = [0.1, 0.9, 0.3, 2.2, 0.6];

        RunDisturbance.Detect(changes, History(QuietRuns[..2]), warningPercent: 10).ShouldBeNull();
    }
}
