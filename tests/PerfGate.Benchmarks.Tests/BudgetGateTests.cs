using System.Reflection;
using PerfGate.Benchmarks.Budgets;
using PerfGate.Core.Configuration;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Benchmarks.Tests;

/// <summary>
/// The committed <c>perfgate.json</c> time budgets against real runs, judged by the real gate: unchanged code passes
/// them on both machines the project has seen (the committed baseline's, and this 2-core VM overloaded by five other
/// builds), a real run with a gross injected slowdown fails them, and they are exactly what <c>--derive-budgets</c>
/// derives from those unchanged runs.
/// </summary>
public sealed class BudgetGateTests
{
    private static readonly string Root = typeof(BudgetGateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PerfGateRepoRoot").Value!;

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "budgets");

    /// <summary>The unchanged runs of this VM that hold a slowest figure, and the committed baseline.</summary>
    public static TheoryData<string> UnchangedRuns => new()
    {
        Path.Combine(Root, "baselines", "bdn"),
        Path.Combine(Fixtures, "busy-vm", "main-03"),
        Path.Combine(Fixtures, "busy-vm", "main-06"),
        Path.Combine(Fixtures, "busy-vm", "main-07"),
    };

    private static GateOptions Options => GateOptionsLoader.Load(Path.Combine(Root, "perfgate.json"));

    [Theory]
    [MemberData(nameof(UnchangedRuns))]
    public void Unchanged_code_passes_every_time_budget_on_both_machines(string run)
    {
        var budgets = TimeBudgets(Judge(run));

        budgets.Count.ShouldBeGreaterThanOrEqualTo(4, "every budgeted benchmark in the run is judged");
        budgets.ShouldAllBe(f => f.Severity == Severity.Ok && !f.Fails);
    }

    [Fact]
    public void A_real_run_with_a_gross_injected_slowdown_fails_every_time_budget()
    {
        // PERFGATE_SAMPLE_EXTRA_CPU=99: every benchmark spins 99× its real work's time after it (100× slower), no allocation.
        var budgets = TimeBudgets(Judge(Path.Combine(Fixtures, "busy-vm", "cpu-9900-01")));

        budgets.Count.ShouldBe(BudgetDerivation.Figures.Length);
        budgets.ShouldAllBe(f => f.Fails);
    }

    [Fact]
    public void The_committed_budgets_are_the_derivation_over_the_unchanged_runs()
    {
        var unchanged = BudgetCommand.Read([Path.Combine(Root, "baselines", "bdn"), Path.Combine(Fixtures, "busy-vm")])
            .Where(t => !t.Run.Contains("cpu-", StringComparison.Ordinal))
            .ToList();
        var derived = BudgetDerivation.Derive(unchanged);
        var configured = Options.Targets.Where(t => t.Benchmark is not null && t.Metric is null).ToList();

        derived.Length.ShouldBe(BudgetDerivation.Figures.Length);
        foreach (var budget in derived)
        {
            var target = configured.Where(t => t.Benchmark == budget.Figure.Benchmark).ShouldHaveSingleItem($"one budget for {budget.Figure.Id}");
            // "4.1ms" reads as 4.1 × 1e6 ns, a hair from 4,100,000: equal to a part in a billion.
            target.Target.ShouldBe(budget.Target, budget.Target * 1e-9, budget.Figure.Id);
            target.Warning.ShouldNotBeNull().ShouldBe(budget.Warning, budget.Warning * 1e-9, budget.Figure.Id);
            target.Error.ShouldNotBeNull().ShouldBe(budget.Error, budget.Error * 1e-9, budget.Figure.Id);
        }
    }

    private static Verdict Judge(string run)
    {
        var results = ResultsLoader.Load(Directory.GetFiles(run, "*-report-full.json"));
        return Gate.Evaluate(new GateInput { Current = results, Options = Options });
    }

    private static List<Finding> TimeBudgets(Verdict verdict) =>
        [.. verdict.Benchmarks.SelectMany(b => b.Findings).Where(f => f.Tier == Tier.Target && f.Metric == "time")];
}
