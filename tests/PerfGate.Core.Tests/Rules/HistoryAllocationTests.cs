using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

/// <summary>Allocations of a benchmark the baseline does not measure are held to the median of its recorded runs.</summary>
public sealed class HistoryAllocationTests
{
    private static readonly BenchmarkId Parse = Runs.Id("Parse");

    private static Verdict Judge(double currentAllocated, BenchmarkRun? baseline, params double?[] recordedAllocations)
    {
        var random = new Random(7);
        var points = Runs.History([.. Enumerable.Repeat(1000.0, 20)], random, 0.02, 0.01);
        var newestFirst = points.Select((p, i) => p with { AllocatedBytes = i < recordedAllocations.Length ? recordedAllocations[i] : null }).ToImmutableArray();
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000, random, 0.02, 0.01), random, allocated: currentAllocated));
        return Gate.Evaluate(new GateInput
        {
            Current = current,
            Baseline = baseline,
            History = new Dictionary<string, ImmutableArray<HistoryPoint>> { [Parse.Key] = newestFirst },
        });
    }

    [Fact]
    public void Doubled_allocations_against_the_recorded_median_fail_as_critical()
    {
        var verdict = Judge(3740, baseline: null, 1870, 1870, 3740, 1870, 1870);

        verdict.Passed.ShouldBeFalse();
        var finding = verdict.Benchmarks.ShouldHaveSingleItem().Findings.Single(f => f.Metric == "allocated");
        finding.Severity.ShouldBe(Severity.Critical);
        finding.Fails.ShouldBeTrue();
        finding.Tier.ShouldBe(Tier.Exact);
        finding.ChangePercent!.Value.ShouldBe(100, tolerance: 1e-9);   // against the median 1870, not the one regressed run
        finding.Message.ShouldContain("against the median of 5 recorded runs");
    }

    [Fact]
    public void Within_the_exact_tolerance_of_the_recorded_median_is_no_finding()
    {
        var verdict = Judge(1878, baseline: null, 1870, 1870, 1870);   // +8 B: the absolute tolerance

        verdict.Benchmarks.ShouldHaveSingleItem().Findings.ShouldNotContain(f => f.Metric == "allocated");
        verdict.Passed.ShouldBeTrue();
    }

    [Fact]
    public void Fewer_than_three_recorded_figures_are_not_a_reference()
    {
        var verdict = Judge(3740, baseline: null, 1870, 1870);

        verdict.Benchmarks.ShouldHaveSingleItem().Findings.ShouldNotContain(f => f.Metric == "allocated");
    }

    [Fact]
    public void A_baseline_figure_wins_over_the_history()
    {
        var random = new Random(8);
        var baseline = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000, random, 0.02, 0.01), random, allocated: 3740));

        var verdict = Judge(3740, baseline, 1870, 1870, 1870, 1870);

        verdict.Benchmarks.ShouldHaveSingleItem().Findings.ShouldNotContain(f => f.Metric == "allocated");
    }
}
