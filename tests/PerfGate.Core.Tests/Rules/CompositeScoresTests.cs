using System.Collections.Immutable;
using System.Text.Json;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Scores;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

/// <summary>The verdict's Performance Index and Regression Score, as the gate computes them from what it judged.</summary>
public sealed class CompositeScoresTests
{
    private static readonly BenchmarkId Parse = Runs.Id("Parse");
    private static readonly BenchmarkId Render = Runs.Id("Render");

    private static Verdict Judge(BenchmarkRun current, BenchmarkRun? baseline, GateOptions? options = null) =>
        Gate.Evaluate(new GateInput
        {
            Current = current,
            Baseline = baseline,
            History = new Dictionary<string, ImmutableArray<HistoryPoint>>(),
            Options = options ?? GateOptions.Default,
        });

    private static BenchmarkResult Result(BenchmarkId id, double ns, Random random) => Runs.Result(id, Runs.Launches(ns, random, 0.01, 0.005), random);

    [Fact]
    public void The_index_scores_every_targeted_figure_time_benchmark_metric_and_run_metric()
    {
        var random = new Random(3);
        var parse = Result(Parse, 1500, random) with { Metrics = [new MetricValue("API-002", "Prompt tokens", 3300, "tokens", false, true)] };
        var current = Runs.Run(Runs.Machine, parse, Result(Render, 400, random)) with
        {
            Metrics = [new MetricValue("VAL-003", "Rule cache hit rate", 0.99, "ratio", true, true)],
        };
        var options = GateOptions.Default with
        {
            Targets =
            [
                new TargetOptions { Benchmark = "*Parse*", Name = "parse time", Target = 1000 }, // 1500 ns: 50% over → 50
                new TargetOptions { Metric = "API-002", Target = 3000 }, // 3300 tokens: 10% over → 90
                new TargetOptions { Metric = "VAL-003", Target = 0.9, BiggerIsBetter = true }, // met → 100
            ],
        };

        var verdict = Judge(current, baseline: null, options);
        var index = verdict.PerformanceIndex.ShouldNotBeNull();

        index.Parts.Select(p => (p.Name, Math.Round(p.Score))).ShouldBe([("parse time", 50.0), ("Prompt tokens", 90.0), ("Rule cache hit rate", 100.0)]);
        index.Value.ShouldBe(80, tolerance: 1);

        // The gate's own verdict, written as JSON, holds to the documented schema.
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "verdict.schema.json")));
        using var json = JsonDocument.Parse(JsonVerdictWriter.ToJson(verdict));
        MiniJsonSchema.Validate(schema.RootElement, json.RootElement).ShouldBeEmpty();
        json.RootElement.GetProperty("performanceIndex").GetProperty("targets").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("regressionScore").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void No_targets_means_no_index()
    {
        var random = new Random(4);
        Judge(Runs.Run(Runs.Machine, Result(Parse, 1000, random)), baseline: null).PerformanceIndex.ShouldBeNull();
    }

    [Fact]
    public void The_score_is_the_negated_geometric_mean_change_against_the_baseline_with_an_interval_from_the_tests()
    {
        var random = new Random(5);
        var baseline = Runs.Run(Runs.Machine, Result(Parse, 1000, random), Result(Render, 1000, random));
        var current = Runs.Run(Runs.Machine, Result(Parse, 1440, random), Result(Render, 1000, random)); // √1.44 = 1.2: 20% slower

        var verdict = Judge(current, baseline);
        var score = verdict.RegressionScore.ShouldNotBeNull();

        score.Percent.ShouldBeInRange(-23, -17);
        score.Benchmarks.ShouldBe(2);
        score.Reference.ShouldBe("the baseline");
        score.Source.ShouldBe(IntervalSource.PerBenchmark);
        score.LowerPercent!.Value.ShouldBeLessThan(score.Percent);
        score.UpperPercent!.Value.ShouldBeGreaterThan(score.Percent);
    }

    [Fact]
    public void No_baseline_and_no_history_means_no_score()
    {
        var random = new Random(6);
        Judge(Runs.Run(Runs.Machine, Result(Parse, 1000, random)), baseline: null).RegressionScore.ShouldBeNull();
    }
}
