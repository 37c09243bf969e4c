using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

/// <summary>The gate on real BenchmarkDotNet 0.14.0 output: two runs of the same unchanged fixture benchmarks.</summary>
public sealed class GateOnRealResultsTests
{
    private static BenchmarkRun Load(string run) => ResultsLoader.Load([Fixture.Path("bdn-0.14.0", run)]);

    [Fact]
    public void A_second_run_of_unchanged_code_passes_against_the_first()
    {
        var baseline = Load("run1");
        var current = Load("run2");

        var verdict = Gate.Evaluate(new GateInput { Current = current, Baseline = baseline });

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.ShouldNotBeEmpty();
        verdict.Benchmarks.ShouldAllBe(b => !b.Fails);
        verdict.Benchmarks.Where(b => b.Kind == ChangeKind.FailedToRun).ShouldNotBeEmpty();
        verdict.Benchmarks.Where(b => b.Kind is ChangeKind.Unchanged or ChangeKind.Improvement or ChangeKind.Regression)
            .ShouldAllBe(b => b.ChangePercent != null && b.Current != null && b.Baseline != null);
    }

    [Fact]
    public void The_same_results_judged_against_themselves_change_by_nothing()
    {
        var run = Load("run1");

        var verdict = Gate.Evaluate(new GateInput { Current = run, Baseline = run });

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Where(b => b.ChangePercent is not null).ShouldAllBe(b => Math.Abs(b.ChangePercent!.Value) < 1e-9);
        verdict.Benchmarks.ShouldAllBe(b => b.Severity <= Severity.Warning);
    }
}
