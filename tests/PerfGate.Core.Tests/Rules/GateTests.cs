using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

public sealed class GateTests
{
    private static readonly BenchmarkId Parse = Runs.Id("Parse");

    private static Verdict Judge(BenchmarkRun current, BenchmarkRun? baseline, IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>>? history = null, GateOptions? options = null) =>
        Gate.Evaluate(new GateInput
        {
            Current = current,
            Baseline = baseline,
            History = history ?? new Dictionary<string, ImmutableArray<HistoryPoint>>(),
            Options = options ?? GateOptions.Default,
        });

    /// <summary>20 main runs of a benchmark with 2% run-to-run and 1% launch noise around 1000 ns.</summary>
    private static Dictionary<string, ImmutableArray<HistoryPoint>> QuietHistory(Random random, BenchmarkId id, int runs = 20) =>
        new() { [id.Key] = Runs.History([.. Enumerable.Repeat(1000.0, runs)], random, 0.02, 0.01) };

    private static (BenchmarkRun Current, BenchmarkRun Baseline) Pair(Random random, double factor, double runNoise = 0.02, double? currentAlloc = 1024)
    {
        var baseline = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000, random, runNoise, 0.01), random));
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000 * factor, random, runNoise, 0.01), random, allocated: currentAlloc));
        return (current, baseline);
    }

    [Fact]
    public void Unchanged_run_passes_with_no_findings_above_ok()
    {
        var random = new Random(1);
        var (current, baseline) = Pair(random, 1.0);
        var verdict = Judge(current, baseline, QuietHistory(random, Parse));

        verdict.Passed.ShouldBeTrue();
        var b = verdict.Benchmarks.ShouldHaveSingleItem();
        b.Kind.ShouldBe(ChangeKind.Unchanged);
        b.Severity.ShouldBe(Severity.Ok);
        b.Fails.ShouldBeFalse();
        b.ChangePercent!.Value.ShouldBeInRange(-8, 8);
    }

    [Fact]
    public void A_fifty_percent_slowdown_on_a_quiet_benchmark_fails_as_critical()
    {
        var random = new Random(2);
        var (current, baseline) = Pair(random, 1.5);
        var verdict = Judge(current, baseline, QuietHistory(random, Parse));

        verdict.Passed.ShouldBeFalse();
        var b = verdict.Benchmarks.ShouldHaveSingleItem();
        b.Kind.ShouldBe(ChangeKind.Regression);
        b.Fails.ShouldBeTrue();
        b.Severity.ShouldBe(Severity.Critical);
        b.ChangePercent!.Value.ShouldBeInRange(40, 60);
        b.ChangeLowerPercent!.Value.ShouldBeLessThan(b.ChangePercent.Value);
        b.ChangeUpperPercent!.Value.ShouldBeGreaterThan(b.ChangePercent.Value);
        // One deciding test per benchmark: the 20-run history decides; the one-run baseline says so without failing.
        b.Findings.ShouldContain(f => f.Tier == Tier.History && f.Fails);
        b.Findings.ShouldContain(f => f.Tier == Tier.Baseline && !f.Fails && f.Message.Contains("the history median decides"));
    }

    [Fact]
    public void A_twenty_five_percent_slowdown_on_a_quiet_benchmark_fails_as_error()
    {
        var random = new Random(3);
        var (current, baseline) = Pair(random, 1.25, runNoise: 0.01);
        var verdict = Judge(current, baseline, QuietHistory(random, Parse));

        var b = verdict.Benchmarks.ShouldHaveSingleItem();
        b.Fails.ShouldBeTrue();
        b.Severity.ShouldBe(Severity.Error);
    }

    [Theory]
    [InlineData(1.05)]
    [InlineData(1.10)]
    public void A_slowdown_of_ten_percent_or_less_never_fails(double factor)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(100 + seed);
            var (current, baseline) = Pair(random, factor);
            var verdict = Judge(current, baseline, QuietHistory(random, Parse));
            verdict.Passed.ShouldBeTrue($"seed {seed}");
        }
    }

    [Fact]
    public void A_large_change_inside_large_noise_passes_and_says_the_benchmark_is_too_noisy()
    {
        var random = new Random(4);
        var history = new Dictionary<string, ImmutableArray<HistoryPoint>>
        {
            [Parse.Key] = Runs.History([.. Enumerable.Repeat(1000.0, 20)], random, 0.25, 0.05),
        };
        var baseline = Runs.Run(Runs.Machine, Runs.Result(Parse, [1000, 1010, 990], random));
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, [1300, 1310, 1290], random, allocated: 1024));

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeTrue();
        var b = verdict.Benchmarks.ShouldHaveSingleItem();
        b.Severity.ShouldBe(Severity.Ok);
        b.Findings.ShouldContain(f => f.Message.Contains("within run-to-run noise") && f.Message.Contains("undecided (detects ≥"));
        b.TooNoisy.ShouldBeTrue();
        b.MinimumDetectableChangePercent!.Value.ShouldBeGreaterThan(30);
        b.NoiseAdvice.ShouldNotBeNull().ShouldContain("noise");
    }

    [Fact]
    public void A_bimodal_benchmark_back_in_the_slow_mode_main_has_shown_does_not_fail_but_says_so()
    {
        // Main's own runs: mostly ~200 ns, twice ~500 ns (a process-level mode). The outlier removal keeps the
        // history's median at 200 ns with a tight spread; a run in the slow mode must not look like a regression.
        var random = new Random(21);
        double[] centers = [200, 205, 198, 500, 202, 199, 201, 560, 203, 200];
        var history = new Dictionary<string, ImmutableArray<HistoryPoint>> { [Parse.Key] = Runs.History(centers, random, 0.02, 0.01) };
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(520, random, 0.01, 0.01), random));

        var verdict = Judge(current, baseline: null, history);

        verdict.Passed.ShouldBeTrue();
        var b = verdict.Benchmarks.Single();
        b.Severity.ShouldBe(Severity.Warning);
        b.Findings.ShouldContain(f => f.Tier == Tier.History && !f.Fails && f.Message.Contains("within what main's own recorded runs produced"));
    }

    [Fact]
    public void The_same_slowdown_beyond_anything_main_has_produced_fails()
    {
        var random = new Random(21);
        double[] centers = [200, 205, 198, 500, 202, 199, 201, 560, 203, 200];
        var history = new Dictionary<string, ImmutableArray<HistoryPoint>> { [Parse.Key] = Runs.History(centers, random, 0.02, 0.01) };
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(900, random, 0.01, 0.01), random));

        var verdict = Judge(current, baseline: null, history);

        verdict.Passed.ShouldBeFalse();
    }

    [Fact]
    public void A_baseline_from_another_machine_cannot_fail_the_build()
    {
        var random = new Random(5);
        var baseline = Runs.Run(Runs.OtherMachine, Runs.Result(Parse, Runs.Launches(1000, random, 0.01, 0.01), random));
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1600, random, 0.01, 0.01), random));

        var verdict = Judge(current, baseline);

        verdict.Context.FingerprintMismatch.ShouldBeTrue();
        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Single().Severity.ShouldBe(Severity.Warning);
        verdict.Notes.ShouldContain(n => n.Contains("different machine"));
    }

    [Theory]
    [InlineData(2, false, false)]   // confidence 0.1 < 0.15: the history tier says nothing
    [InlineData(4, true, false)]    // confidence 0.2: warn only
    [InlineData(5, true, true)]     // confidence 0.25: the t-test's 4 + 3 degrees of freedom carry the rest: it may fail
    [InlineData(15, true, true)]
    public void History_confidence_bands_gate_the_history_tier(int runs, bool expectFinding, bool expectFail)
    {
        var random = new Random(6);
        var history = QuietHistory(random, Parse, runs);
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1600, random, 0.01, 0.01), random));

        var verdict = Judge(current, baseline: null, history);

        var findings = verdict.Benchmarks.Single().Findings.Where(f => f.Tier == Tier.History).ToList();
        (findings.Count > 0).ShouldBe(expectFinding);
        findings.Any(f => f.Fails).ShouldBe(expectFail);
        verdict.Passed.ShouldBe(!expectFail);
    }

    [Theory]
    [InlineData(1024, Severity.Ok, false)]     // unchanged
    [InlineData(1030, Severity.Ok, false)]     // inside the 8-byte tolerance
    [InlineData(1100, Severity.Ok, false)]     // +7.4%: under the warning threshold
    [InlineData(1200, Severity.Warning, false)] // +17.2%
    [InlineData(1300, Severity.Error, true)]   // +27.0%
    [InlineData(1600, Severity.Critical, true)] // +56.3% > 30%
    [InlineData(512, Severity.Ok, false)]      // an improvement
    public void Allocations_are_compared_exactly(double currentAlloc, Severity expected, bool fails)
    {
        var random = new Random(7);
        var (current, baseline) = Pair(random, 1.0, currentAlloc: currentAlloc);

        var verdict = Judge(current, baseline, QuietHistory(random, Parse));

        var f = verdict.Benchmarks.Single().Findings.Where(x => x.Tier == Tier.Exact).ToList();
        (f.Count == 0 ? Severity.Ok : f.Max(x => x.Severity)).ShouldBe(expected);
        verdict.Passed.ShouldBe(!fails);
    }

    [Fact]
    public void New_removed_failed_and_renamed_benchmarks_are_reported_not_fatal()
    {
        var random = new Random(8);
        var kept = Runs.Id("Kept");
        var baseline = Runs.Run(Runs.Machine,
            Runs.Result(kept, [1000, 1000, 1000], random),
            Runs.Result(Runs.Id("Gone"), [1000, 1000, 1000], random),
            Runs.Result(Runs.Id("Crashes"), [1000, 1000, 1000], random),
            Runs.Result(new BenchmarkId("Sample.OldName", "Validate"), [1000, 1000, 1000], random));
        var current = Runs.Run(Runs.Machine,
            Runs.Result(kept, [1000, 1000, 1000], random),
            Runs.Result(Runs.Id("Fresh"), [1000, 1000, 1000], random),
            Runs.Failed(Runs.Id("Crashes")),
            Runs.Result(new BenchmarkId("Sample.NewName", "Validate"), [1000, 1000, 1000], random));

        var verdict = Judge(current, baseline);

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Single(b => b.Id == "Sample.Benchmarks.Gone").Kind.ShouldBe(ChangeKind.Removed);
        verdict.Benchmarks.Single(b => b.Id == "Sample.Benchmarks.Fresh").Kind.ShouldBe(ChangeKind.New);
        verdict.Benchmarks.Single(b => b.Id == "Sample.Benchmarks.Crashes").Kind.ShouldBe(ChangeKind.FailedToRun);
        verdict.Benchmarks.Single(b => b.Id == "Sample.NewName.Validate").Findings.ShouldContain(f => f.Message.Contains("renamed from Sample.OldName.Validate"));
    }

    [Theory]
    [InlineData(900, Severity.Ok)]
    [InlineData(1050, Severity.Warning)]
    [InlineData(1120, Severity.Error)]
    [InlineData(1140, Severity.Error)]      // under 1000 + 1.5 × (1100 − 1000) = 1150
    [InlineData(1400, Severity.Critical)]   // above 1150
    public void Targets_judge_absolute_budgets_and_a_broken_budget_fails(double median, Severity expected)
    {
        var random = new Random(9);
        var options = GateOptions.Default with
        {
            Targets = [new TargetOptions { Benchmark = "*.Parse", Target = 1000, Warning = 1000, Error = 1100 }],
        };
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, [median, median, median], random));

        var verdict = Judge(current, baseline: null, options: options);

        var finding = verdict.Benchmarks.Single().Findings.Single(f => f.Tier == Tier.Target);
        finding.Severity.ShouldBe(expected);
        verdict.Passed.ShouldBe(expected < Severity.Error);
    }

    [Fact]
    public void Run_level_metrics_meet_their_targets_and_compare_exactly()
    {
        var random = new Random(10);
        MetricValue Constructions(double v) => new("SVC-001", "Service container constructions", v, "count", false, true);
        var baseline = Runs.Run(Runs.Machine, Runs.Result(Parse, [1000, 1000, 1000], random)) with { Metrics = [Constructions(1)] };
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, [1000, 1000, 1000], random)) with { Metrics = [Constructions(2)] };
        var options = GateOptions.Default with { Targets = [new TargetOptions { Metric = "SVC-001", Target = 1, Warning = 1, Error = 1 }] };

        var verdict = Judge(current, baseline, options: options);

        verdict.Passed.ShouldBeFalse();
        var m = verdict.Metrics.ShouldHaveSingleItem();
        m.Fails.ShouldBeTrue();
        m.Findings.ShouldContain(f => f.Tier == Tier.Target && f.Fails);
        m.Findings.ShouldContain(f => f.Tier == Tier.Exact && f.Fails);
    }

    /// <summary>Main's history: 12 runs at 1000 ns, then 8 runs 12% slower (under the per-PR fail threshold), 1% noise.</summary>
    private static Dictionary<string, ImmutableArray<HistoryPoint>> SteppedHistory(Random random) =>
        new() { [Parse.Key] = Runs.History([.. Enumerable.Repeat(1000.0, 12), .. Enumerable.Repeat(1120.0, 8)], random, 0.01, 0.003) };

    [Fact]
    public void A_lasting_step_on_main_is_a_trend_warning_naming_its_commit_and_run()
    {
        var random = new Random(11);
        var history = SteppedHistory(random);
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1120, random, 0.01, 0.003), random));

        var verdict = Judge(current, baseline: null, history);

        verdict.Passed.ShouldBeTrue();
        var step = verdict.Benchmarks.Single().Findings.Where(f => f.Tier == Tier.Trend).ShouldHaveSingleItem();
        step.Severity.ShouldBe(Severity.Warning);
        step.Fails.ShouldBeFalse();
        step.ChangePercent!.Value.ShouldBe(12, 2);
        // Runs.History numbers the runs 1… oldest first with commits c0…: the 13th run (commit c12) is the first at the new level.
        step.Message.ShouldStartWith("step of +1");
        step.Message.ShouldContain("at commit c12, run #13; 9 runs at the new level");
        step.Message.ShouldContain("(95% CI +");
        verdict.MainSteps.ShouldBeEmpty();
    }

    [Fact]
    public void A_steady_creep_is_no_longer_a_trend_finding_a_drift_is_not_a_step()
    {
        // The old least-squares tier warned here; a change-point method sees no step in a straight 1%-per-run rise.
        var random = new Random(11);
        var centers = Enumerable.Range(0, 20).Select(i => 1000 * Math.Pow(1.01, i)).ToArray();
        var history = new Dictionary<string, ImmutableArray<HistoryPoint>> { [Parse.Key] = Runs.History(centers, random, 0.003, 0.002) };
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000 * Math.Pow(1.01, 20), random, 0.003, 0.002), random));

        var verdict = Judge(current, baseline: null, history);

        verdict.Benchmarks.Single().Findings.ShouldNotContain(f => f.Tier == Tier.Trend);
    }

    [Fact]
    public void On_a_pull_request_a_step_on_main_is_one_line_of_context_not_a_finding()
    {
        var random = new Random(11);
        var history = SteppedHistory(random);
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1120, random, 0.01, 0.003), random));

        var verdict = Gate.Evaluate(new GateInput { Current = current, History = history, OffBaselineBranch = true });

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Single().Findings.ShouldNotContain(f => f.Tier == Tier.Trend);
        verdict.MainSteps.ShouldHaveSingleItem().ShouldContain("at commit c12, run #13");
        var comment = MarkdownReport.Render(verdict);
        comment.Split('\n').Count(l => l.StartsWith("> ℹ️ Context: main stepped before this PR's base", StringComparison.Ordinal)).ShouldBe(1);
        TerminalReport.Render(verdict).ShouldContain("Context: main stepped before this PR's base (not caused by this PR): ");
    }

    [Fact]
    public void A_step_acknowledged_after_it_happened_is_no_longer_context()
    {
        var random = new Random(11);
        var history = SteppedHistory(random);
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1120, random, 0.01, 0.003), random));
        var stepTime = history[Parse.Key].Single(p => p.RunId == 13).Timestamp;
        Verdict Judged(DateTimeOffset ackAt) => Gate.Evaluate(new GateInput
        {
            Current = current,
            History = history,
            OffBaselineBranch = true,
            Acknowledgements = [new Acknowledgement(7, Parse.Key, "time", 1120, "ana", ackAt, "new parser")],
        });

        Judged(stepTime.AddHours(3)).MainSteps.ShouldBeEmpty();
        Judged(stepTime.AddHours(-3)).MainSteps.ShouldHaveSingleItem();
    }

    [Fact]
    public void Two_hundred_unchanged_benchmarks_on_a_noisy_runner_fail_none()
    {
        var random = new Random(12);
        var ids = Enumerable.Range(0, 200).Select(i => Runs.Id($"B{i:000}")).ToArray();
        var noise = ids.Select(_ => 0.02 + (0.2 * random.NextDouble())).ToArray();
        var history = ids.Select((id, i) => (id, points: Runs.History([.. Enumerable.Repeat(1000.0, 20)], random, noise[i], noise[i] / 3)))
            .ToDictionary(x => x.id.Key, x => x.points);
        var baseline = Runs.Run(Runs.Machine, [.. ids.Select((id, i) => Runs.Result(id, Runs.Launches(1000, random, noise[i], noise[i] / 3), random))]);
        var current = Runs.Run(Runs.Machine, [.. ids.Select((id, i) => Runs.Result(id, Runs.Launches(1000, random, noise[i], noise[i] / 3), random))]);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Count(b => b.Fails).ShouldBe(0);
        verdict.Benchmarks.Count(b => b.Severity == Severity.Warning).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void Ignored_benchmarks_are_left_out_with_a_note()
    {
        var random = new Random(13);
        var (current, baseline) = Pair(random, 2.0);
        var options = GateOptions.Default with { Benchmarks = [new BenchmarkOverride { Match = "*.Parse", Ignore = true }] };

        var verdict = Judge(current, baseline, options: options);

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.ShouldBeEmpty();
        verdict.Notes.ShouldContain(n => n.Contains("Ignored"));
    }

    [Fact]
    public void A_metric_target_applies_to_a_metric_attached_to_a_benchmark()
    {
        var random = new Random(14);
        var tokens = new MetricValue("API-002", "Prompt tokens", 3600, "tokens", false, true);
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, [1000, 1000, 1000], random) with { Metrics = [tokens] });
        var options = GateOptions.Default with { Targets = [new TargetOptions { Metric = "API-002", Target = 3000, Warning = 3500, Error = 4000 }] };

        var verdict = Judge(current, baseline: null, options: options);

        verdict.Passed.ShouldBeTrue();
        verdict.Metrics.ShouldBeEmpty();
        var finding = verdict.Benchmarks.Single().Findings.Single(f => f.Tier == Tier.Target);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.Metric.ShouldBe("API-002");
    }

    /// <summary>
    /// Ten benchmarks with a 20-run history. With <paramref name="historySawShift"/> one recorded run of the history
    /// came out 40% slower across the whole suite (a busy runner): the history has seen the runner move that much.
    /// </summary>
    private static (BenchmarkRun Current, BenchmarkRun Baseline, Dictionary<string, ImmutableArray<HistoryPoint>> History) Suite(
        double runnerFactor, double allocationFactor, double extraOnFirst = 1.0, bool historySawShift = true, double[]? scatter = null)
    {
        var random = new Random(15);
        var ids = Enumerable.Range(0, 10).Select(i => Runs.Id($"S{i}")).ToArray();
        double[] centers = [.. Enumerable.Range(0, 20).Select(i => historySawShift && i == 7 ? 1400.0 : 1000.0)];
        var history = ids.ToDictionary(id => id.Key, id => Runs.History(centers, random, 0.02, 0.01));
        var baseline = Runs.Run(Runs.Machine, [.. ids.Select(id => Runs.Result(id, Runs.Launches(1000, random, 0.02, 0.01), random))]);
        var current = Runs.Run(Runs.Machine, [.. ids.Select((id, i) => Runs.Result(
            id,
            Runs.Launches(1000 * runnerFactor * (i == 0 ? extraOnFirst : 1) * (scatter?[i] ?? 1), random, 0.02, 0.01),
            random,
            allocated: 1024 * allocationFactor))]);
        return (current, baseline, history);
    }

    [Fact]
    public void A_whole_suite_slowed_alike_within_shifts_the_history_has_seen_passes_but_never_quietly()
    {
        var (current, baseline, history) = Suite(runnerFactor: 1.35, allocationFactor: 1.0);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeTrue();
        verdict.Notes.ShouldContain(n => n.Contains("whole suite moved") && n.Contains("Only an A/B run"));
        // The measured +35% stays visible and each benchmark says it is undecided: runner or code.
        verdict.Benchmarks.ShouldAllBe(b => b.ChangePercent > 25);
        verdict.Benchmarks.ShouldAllBe(b => b.Severity == Severity.Warning && b.Findings.Any(f => f.Message.Contains("Only an A/B run")));
        verdict.RunnerShiftPercent!.Value.ShouldBeInRange(30, 40);
        using (var json = System.Text.Json.JsonDocument.Parse(PerfGate.Core.Rendering.JsonVerdictWriter.ToJson(verdict)))
        {
            json.RootElement.GetProperty("runnerShiftPercent").GetDouble().ShouldBe(verdict.RunnerShiftPercent.Value, 0.1);
        }

        var headline = PerfGate.Core.Rendering.TerminalReport.Render(verdict).Split('\n')[0];
        headline.ShouldContain("PASS with warnings");
        headline.ShouldContain("only an A/B run (perfgate ab) can tell the runner from the code");
    }

    [Fact]
    public void A_whole_suite_slowed_alike_beyond_anything_the_history_has_seen_fails()
    {
        // A slower logger, a lock, a Debug build: every benchmark slower, no allocation changed, and the runner never
        // moved like that in 20 recorded runs. The correction may absorb only what the history has seen.
        var (current, baseline, history) = Suite(runnerFactor: 1.5, allocationFactor: 1.0, historySawShift: false);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeFalse();
        verdict.Benchmarks.Count(b => b.Fails).ShouldBe(10);
        verdict.Notes.ShouldContain(n => n.Contains("at most") && n.Contains("Only an A/B run"));
    }

    [Fact]
    public void One_benchmark_slower_than_the_runner_shift_still_fails()
    {
        var (current, baseline, history) = Suite(runnerFactor: 1.35, allocationFactor: 1.0, extraOnFirst: 1.5);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeFalse();
        verdict.Benchmarks.Where(b => b.Fails).Select(b => b.Id).ShouldBe(["Sample.Benchmarks.S0"]);
    }

    [Fact]
    public void A_whole_suite_slowed_with_allocations_grown_alike_is_the_code_and_fails()
    {
        var (current, baseline, history) = Suite(runnerFactor: 1.35, allocationFactor: 1.35, historySawShift: false);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeFalse();
        verdict.Benchmarks.Count(b => b.Findings.Any(f => f.Fails && f.Tier is Tier.Baseline or Tier.History)).ShouldBe(10);
        verdict.Notes.ShouldNotContain(n => n.Contains("whole suite moved"));
    }

    /// <summary>A run made while other work fought for the cores: every benchmark slower, each by a very different amount.</summary>
    private static readonly double[] Disturbed = [1.1, 2.6, 1.4, 9.0, 1.9, 1.2, 5.5, 1.6, 3.8, 1.3];

    [Fact]
    public void A_run_whose_benchmarks_scatter_far_beyond_any_recorded_run_cannot_fail_on_time_but_warns()
    {
        var (current, baseline, history) = Suite(runnerFactor: 1.0, allocationFactor: 1.0, historySawShift: false, scatter: Disturbed);

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.Count(b => b.Fails).ShouldBe(0);
        verdict.DisturbedRun.ShouldNotBeNull().ShouldContain("the runner was disturbed during this run");
        // The slowdowns stay visible as warnings, never a quiet pass.
        verdict.Benchmarks.Count(b => b.Severity == Severity.Warning && b.ChangePercent > 20).ShouldBeGreaterThanOrEqualTo(8);
        verdict.Notes.ShouldContain(n => n.Contains("could not fail") && n.Contains("Allocations were judged as always"));
        var headline = PerfGate.Core.Rendering.TerminalReport.Render(verdict).Split('\n')[0];
        headline.ShouldContain("PASS with warnings");
        headline.ShouldContain("the runner was disturbed during this run");
        using var json = System.Text.Json.JsonDocument.Parse(PerfGate.Core.Rendering.JsonVerdictWriter.ToJson(verdict));
        json.RootElement.GetProperty("disturbedRun").GetString().ShouldBe(verdict.DisturbedRun);
    }

    [Fact]
    public void A_disturbed_run_still_fails_on_allocations()
    {
        var (current, baseline, history) = Suite(runnerFactor: 1.0, allocationFactor: 1.0, historySawShift: false, scatter: Disturbed);
        current = current with { Results = [current.Results[0] with { AllocatedBytesPerOperation = 2048 }, .. current.Results.Skip(1)] };

        var verdict = Judge(current, baseline, history);

        verdict.Passed.ShouldBeFalse();
        verdict.DisturbedRun.ShouldNotBeNull();
        verdict.Benchmarks.Where(b => b.Fails).Select(b => b.Id).ShouldBe(["Sample.Benchmarks.S0"]);
    }

    [Fact]
    public void A_run_with_a_few_regressions_is_not_a_disturbed_run()
    {
        // Three benchmarks doubled, the rest as before: the code, not the runner. The spread around the suite's median
        // stays small because most benchmarks did not move.
        double[] threeSlower = [2.0, 2.0, 2.0, 1, 1, 1, 1, 1, 1, 1];
        var (current, baseline, history) = Suite(runnerFactor: 1.0, allocationFactor: 1.0, historySawShift: false, scatter: threeSlower);

        var verdict = Judge(current, baseline, history);

        verdict.DisturbedRun.ShouldBeNull();
        verdict.Benchmarks.Count(b => b.Fails).ShouldBe(3);
    }
}
