using PerfGate.Core.Configuration;
using PerfGate.Core.Operations;
using PerfGate.Core.Rendering;
using PerfGate.Core.Results;
using PerfGate.Core.Scores;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

/// <summary>The seeds' §7.1 summary at the end of the main job, from literal verdicts.</summary>
public sealed class RunSummaryTests
{
    private const string Startup = "PerfGate.Benchmarks.StartupBenchmarks.Start";
    private const string Validation = "PerfGate.Benchmarks.ValidationBenchmarks.ValidateOneDefinition";

    private static readonly GateOptions Options = GateOptions.Default with
    {
        Targets =
        [
            new TargetOptions { Benchmark = "*StartupBenchmarks.Start*", Name = "APP-001 application startup", Target = 2_000_000, Warning = 2_200_000, Error = 2_400_000 },
            new TargetOptions { Metric = "SVC-001", Name = "ServiceContainer constructions", Target = 1, Warning = 1, Error = 1 },
            new TargetOptions { Metric = "API-002", Name = "Prompt token count", Target = 3000, Warning = 3500, Error = 4000 },
            new TargetOptions { Metric = "MEM-001", Name = "Managed heap (KiB)", Target = 1100, Warning = 1400, Error = 1600 },
        ],
    };

    private static BenchmarkVerdict Benchmark(string id, double currentNs, params Finding[] findings) => new()
    {
        Id = id,
        DisplayName = id[(id.LastIndexOf('.', id.LastIndexOf('.') - 1) + 1)..],
        Kind = ChangeKind.Unchanged,
        Current = currentNs,
        Severity = findings.Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max(),
        Findings = [.. findings],
    };

    private static BenchmarkRun Run(params (string Benchmark, MetricValue Metric)[] metrics) => new()
    {
        Host = HostFingerprint.Unknown,
        Results = [.. metrics.Select(m => new BenchmarkResult { Id = new BenchmarkId("PerfGate.Benchmarks.StartupBenchmarks", "Start"), Metrics = [m.Metric] })],
    };

    private static readonly Finding TokensOver = new()
    {
        Tier = Tier.Target, Severity = Severity.Warning, Metric = "API-002", Current = 3300, Expected = 3000,
        Message = "Prompt token count: 3300 tokens, over budget (target 3000 tokens, warning 3500 tokens, error 4000 tokens)",
    };

    [Fact]
    public void The_seeds_shape_with_perfgates_figures_and_marks_from_targets()
    {
        var verdict = new Verdict
        {
            Passed = true,
            Thresholds = SampleVerdicts.Thresholds,
            Benchmarks = [Benchmark(Startup, 770_000), Benchmark(Validation, 8_900), Benchmark("PerfGate.Benchmarks.PromptBenchmarks.BuildPrompt", 41_000, TokensOver)],
            PerformanceIndex = PerformanceIndex.From(
            [
                new TargetScore("time", "APP-001 application startup", 770_000, 2_000_000, "ns", false, Severity.Ok),
                new TargetScore("SVC-001", "ServiceContainer constructions", 1, 1, "count", false, Severity.Ok),
                new TargetScore("API-002", "Prompt token count", 3300, 3000, "tokens", false, Severity.Warning),
            ]),
            RegressionScore = RegressionScore.From([new ScoredChange("a", Math.Log(1.02), 0.01, 10), new ScoredChange("b", Math.Log(1.02), 0.01, 10)], "the history median"),
        };
        var current = Run(
            (Startup, new MetricValue("SVC-001", "Service container constructions", 1, "count", false, true)),
            (Startup, new MetricValue("MEM-001", "Managed heap held by the started application", 1500, "KiB", false, false)));
        var trend = new WeekTrend(RegressionScore.From([ScoredChange.Of("a", 100, 97)!, ScoredChange.Of("b", 100, 96)!, ScoredChange.Of("c", 100, 98)!], "the 7-day median of main"), 5, WeekTrend.DefaultSpan);

        var text = RunSummary.Render(verdict, current, Options, trend);

        text.ShouldBe("""
            PerfGate summary
            ────────────────────────────────────────────────────────────
            Startup time:       770 μs  ✓ (target: 2.00 ms)
            Container inits:    1x  ✓ (target: 1x)
            Validation:         8.90 μs  (no target)
            Memory:             1.46 MB  ⚠ (target: 1.07 MB)
            Performance index:  97/100  ⚠ (2 of 3 targets met; lowest: Prompt token count 90)
            Regression score:   -2.0% (95% CI -3.5% … -0.5%) against the history median over 2 benchmarks; negative = slower

            Warnings:
              • PromptBenchmarks.BuildPrompt: Prompt token count: 3300 tokens, over budget (target 3000 tokens, warning 3500 tokens, error 4000 tokens) ⚠

            Trend: faster, +3.0% vs the 7-day median of main (5 runs, 3 benchmarks; 95% CI +0.5% … +5.5%; positive = faster)
            ────────────────────────────────────────────────────────────

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_targets_reference_or_history_it_says_so_instead_of_inventing_figures()
    {
        var verdict = new Verdict { Passed = true, Thresholds = SampleVerdicts.Thresholds, Benchmarks = [Benchmark(Startup, 770_000)] };
        var withMemory = RunSummary.Render(verdict, Run((Startup, new MetricValue("MEM-001", "Managed heap", 900, "KiB", false, false))), GateOptions.Default, trend: null);
        withMemory.ShouldContain("Memory:             900 KB  (no target)\n");

        var text = RunSummary.Render(verdict, Run(), GateOptions.Default, trend: null);

        text.ShouldContain("Startup time:       770 μs  (no target)\n");
        text.ShouldContain("Container inits:    not measured\n");
        text.ShouldContain("Performance index:  no targets configured\n");
        text.ShouldContain("Regression score:   no reference\n");
        text.ShouldContain("Warnings: none\n");
        text.ShouldContain("Trend: no history\n");
        text.ShouldNotContain("✓");
    }

    [Fact]
    public void A_broken_budget_is_marked_as_an_error_and_the_trend_without_earlier_runs_says_so()
    {
        var slow = Benchmark(Startup, 2_500_000);
        var verdict = new Verdict { Passed = false, Thresholds = SampleVerdicts.Thresholds, Benchmarks = [slow] };

        var text = RunSummary.Render(verdict, Run(), Options, new WeekTrend(null, 0, WeekTrend.DefaultSpan));

        text.ShouldContain("Startup time:       2.50 ms  ✗ (target: 2.00 ms)\n");
        text.ShouldContain("Trend: no earlier runs on this machine in the last 7 days\n");
    }

    [Fact]
    public void A_metric_target_the_run_did_not_report_is_a_warning_named_once()
    {
        var missing = new MetricVerdict
        {
            Id = "MEM-001",
            Name = "Managed heap",
            Unit = "",
            Severity = Severity.Warning,
            Findings = [new Finding { Tier = Tier.Target, Severity = Severity.Warning, Metric = "MEM-001", Message = "MEM-001: a target is configured but this run did not report the metric" }],
        };
        var verdict = new Verdict { Passed = true, Thresholds = SampleVerdicts.Thresholds, Metrics = [missing] };

        var text = RunSummary.Render(verdict, Run(), GateOptions.Default, trend: null);

        text.ShouldContain("Memory:             not measured\n");
        text.ShouldContain("  • MEM-001: a target is configured but this run did not report the metric ⚠\n");
    }

    [Fact]
    public void An_unchanged_week_within_its_spread_is_steady()
    {
        var trend = new WeekTrend(RegressionScore.From([ScoredChange.Of("a", 100, 101)!, ScoredChange.Of("b", 100, 99.5)!], "the 7-day median of main"), 3, WeekTrend.DefaultSpan);

        RunSummary.TrendText(trend).ShouldStartWith("steady, -0.2% vs the 7-day median of main (3 runs, 2 benchmarks; 95% CI ");
    }
}
