using PerfGate.Core.Configuration;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

public sealed class TargetMatcherTests
{
    private static readonly MetricValue Tokens = new("TOK-001", "Tokens", 120, "tokens", BiggerIsBetter: false, Deterministic: true);
    private static readonly MetricValue HitRate = new("HIT-001", "Hit rate", 0.85, "ratio", BiggerIsBetter: true, Deterministic: true);

    [Fact]
    public void Metric_only_targets_come_first_then_matching_globs_and_a_glob_on_an_absent_metric_does_not_apply()
    {
        var time = new TargetOptions { Benchmark = "*.Parser.*", Target = 500 };
        var onMetric = new TargetOptions { Benchmark = "*.Parser.*", Metric = "TOK-001", Target = 100 };
        var onAbsent = new TargetOptions { Benchmark = "*.Parser.*", Metric = "NONE", Target = 1 };
        var otherGlob = new TargetOptions { Benchmark = "*.Startup.*", Target = 1 };
        var metricOnly = new TargetOptions { Metric = "HIT-001", Target = 0.9 };

        var matches = TargetMatcher.ForBenchmark([time, onMetric, onAbsent, otherGlob, metricOnly], "App.Parser.Parse(N=1)", [Tokens, HitRate]);

        matches.Select(m => m.Target).ShouldBe([metricOnly, time, onMetric]);
        matches.Select(m => m.Figure).ShouldBe(["HIT-001", "time", "TOK-001"]);
        matches.Select(m => m.Unit).ShouldBe(["ratio", "ns", "tokens"]);
        matches[0].BiggerIsBetter.ShouldBeTrue("the metric says so");
    }

    [Fact]
    public void A_run_metric_takes_the_first_metric_only_target_and_is_judged_as_the_gate_judges()
    {
        var first = new TargetOptions { Metric = "HIT-001", Target = 0.9, Warning = 0.9, Error = 0.8 };
        var second = new TargetOptions { Metric = "HIT-001", Target = 0.5 };
        var withGlob = new TargetOptions { Benchmark = "*", Metric = "HIT-001", Target = 0.1 };

        TargetMatcher.ForRunMetric([withGlob, first, second], "HIT-001").ShouldBeSameAs(first);
        TargetMatcher.ForRunMetric([withGlob], "HIT-001").ShouldBeNull();

        // Bigger is better (from the metric): 0.85 is under the 0.9 warning level, above the 0.8 error level.
        TargetMatcher.Judge(first, HitRate.Id, HitRate.Value, HitRate.Unit, 1.5, HitRate.BiggerIsBetter).Severity.ShouldBe(Severity.Warning);
        TargetMatcher.Judge(first, HitRate.Id, HitRate.Value, HitRate.Unit, 1.5).Severity.ShouldBe(Severity.Error, "read as smaller-is-better, 0.85 is over the 0.8 error level");
    }
}
