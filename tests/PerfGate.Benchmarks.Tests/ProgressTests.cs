using BenchmarkDotNet.Loggers;
using PerfGate.Benchmarks.Progress;
using PerfGate.Cli.Ab;

namespace PerfGate.Benchmarks.Tests;

/// <summary>The progress display's pieces: which mode a run gets, the estimate, the words, what the quiet logger lets through.</summary>
public sealed class ProgressTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public void A_terminal_gets_the_live_display_a_pipe_or_CI_plain_lines_and_verbose_the_full_log()
    {
        ProgressModes.Choose(false, ["--filter", "*"], outputRedirected: false, NoVariables).ShouldBe(ProgressMode.Live);
        ProgressModes.Choose(false, ["--filter", "*"], outputRedirected: true, NoVariables).ShouldBe(ProgressMode.Plain);
        ProgressModes.Choose(false, ["--filter", "*"], outputRedirected: false, v => v == "GITHUB_ACTIONS" ? "true" : null).ShouldBe(ProgressMode.Plain);
        ProgressModes.Choose(false, ["--filter", "*"], outputRedirected: false, v => v == "CI" ? "false" : null).ShouldBe(ProgressMode.Live);
        ProgressModes.Choose(true, ["--filter", "*"], outputRedirected: true, v => "1").ShouldBe(ProgressMode.Verbose);
        ProgressModes.Choose(false, ["--list", "flat"], outputRedirected: false, NoVariables).ShouldBe(ProgressMode.Verbose);
    }

    [Fact]
    public void Verbose_is_ours_with_or_without_ab_and_never_reaches_BenchmarkDotNet()
    {
        var plain = RunOptions.Parse(["--verbose", "--filter", "*Prompt*"]);
        plain.Verbose.ShouldBeTrue();
        plain.Error.ShouldBeNull();
        plain.BenchmarkDotNetArguments.ShouldNotContain("--verbose");

        RunOptions.Parse(["--ab", "main", "--verbose"]).Ab!.Verbose.ShouldBeTrue();
        RunOptions.Parse([]).Verbose.ShouldBeFalse();
    }

    [Fact]
    public void The_time_left_is_the_mean_of_the_finished_benchmarks_times_those_left_less_the_running_one()
    {
        ProgressText.EstimateLeft(11, [], TimeSpan.Zero).ShouldBeNull();
        ProgressText.EstimateLeft(4, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], TimeSpan.FromSeconds(5))
            .ShouldBe(TimeSpan.FromSeconds(25));
        ProgressText.EstimateLeft(3, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)], TimeSpan.FromSeconds(30))
            .ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void The_live_line_names_the_benchmark_its_number_the_launch_and_the_times()
    {
        var line = ProgressText.Live(new ProgressSnapshot("running", 11, 2, "ValidationBenchmarks.ValidateOneDefinition", "2/3",
            TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(70)));

        line.ShouldBe("benchmark 3/11 ValidationBenchmarks.ValidateOneDefinition, launch 2/3 · 0:42 elapsed, about 1:10 left");
        ProgressText.Live(new ProgressSnapshot("building", 11, 0, null, null, TimeSpan.FromSeconds(5), null))
            .ShouldBe("building the benchmarks (11 to run) · 0:05 elapsed");
    }

    [Fact]
    public void The_closing_line_counts_what_ran_failed_and_was_not_run_and_names_the_log()
    {
        ProgressText.Closing(12, 0, 12, TimeSpan.FromSeconds(151), "/a/BenchmarkRun-1.log")
            .ShouldBe("// PerfGate: 12 benchmark(s) ran in 2:31. BenchmarkDotNet's full log: /a/BenchmarkRun-1.log");
        ProgressText.Closing(1, 1, 12, TimeSpan.FromSeconds(133), null)
            .ShouldBe("// PerfGate: 1 benchmark(s) ran in 2:13, 1 failed, 11 not run (BenchmarkDotNet stopped). BenchmarkDotNet wrote no log file");
    }

    [Fact]
    public void The_tracker_counts_benchmarks_and_launches_with_its_clock()
    {
        var clock = new ManualClock();
        var tracker = new ProgressTracker(clock);
        var finished = new List<FinishedBenchmark>();
        tracker.BenchmarkFinished += finished.Add;

        tracker.Building(3);
        tracker.Started("A.One");
        tracker.Launch(2, 3);
        clock.Advance(TimeSpan.FromSeconds(10));
        tracker.Snapshot().ShouldBe(new ProgressSnapshot("running", 3, 0, "A.One", "2/3", TimeSpan.FromSeconds(10), null));
        tracker.Finished("A.One", succeeded: true);
        tracker.Started("A.Two");
        clock.Advance(TimeSpan.FromSeconds(4));
        tracker.Finished("A.Two", succeeded: false);

        finished.Select(f => ProgressText.Plain(f)).ShouldBe(
        [
            "// PerfGate: benchmark 1/3 done: A.One in 10.0 s (0:10 elapsed, about 0:20 left)",
            "// PerfGate: benchmark 2/3 FAILED: A.Two in 4.0 s (0:14 elapsed, about 0:07 left)",
        ]);
        tracker.Failed.ShouldBe(1);
    }

    [Fact]
    public void The_plain_line_is_what_perfgate_ab_shows_beside_a_round()
    {
        var line = ProgressText.Plain(new FinishedBenchmark(3, 11, "PromptBenchmarks.BuildPrompt", true, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), null));

        BenchmarkProgressLines.Describe(line).ShouldBe("3/11 done: PromptBenchmarks.BuildPrompt");
        BenchmarkProgressLines.Describe("// Benchmark: PromptBenchmarks.BuildPrompt: Job-X").ShouldBeNull();
    }

    [Fact]
    public void The_quiet_logger_reads_launches_passes_errors_and_drops_the_rest()
    {
        var tracker = new ProgressTracker(new ManualClock());
        var errors = new List<string>();
        tracker.Error += errors.Add;
        var logger = new ProgressLogger(tracker);
        tracker.Started("A.One");

        logger.WriteLine(LogKind.Info, "// Launch: 2 / 3");
        logger.WriteLine(LogKind.Default, "WorkloadPilot    1: 16 op, 2483.00 ns, 155.1875 ns/op");
        logger.Write(LogKind.Error, "// Build Error: ");
        logger.WriteLine(LogKind.Error, "the project did not build");

        tracker.Snapshot().Launch.ShouldBe("2/3");
        errors.ShouldBe(["// Build Error: the project did not build"]);
        ProgressLogger.ParseLaunch("1").ShouldBe((1, 1));
        ProgressLogger.ParseLaunch("x").ShouldBeNull();
    }

    [Fact]
    public void The_live_view_runs_the_work_and_shows_errors_and_failures_but_not_successes()
    {
        var tracker = new ProgressTracker(new ManualClock());
        var output = new StringWriter();

        var result = ProgressView.For(ProgressMode.Live, tracker, output).Run(() =>
        {
            tracker.Building(2);
            tracker.Started("A.One");
            tracker.Finished("A.One", succeeded: true);
            tracker.Started("A.Two");
            tracker.ErrorLine("// Build Error: boom");
            tracker.Finished("A.Two", succeeded: false);
            return 42;
        });

        result.ShouldBe(42);
        var text = output.ToString();
        text.ShouldContain("// Build Error: boom");
        text.ShouldContain("2/2 FAILED: A.Two");
        text.ShouldNotContain("done: A.One");
    }

    [Fact]
    public void The_plain_view_writes_one_line_per_finished_benchmark_and_the_errors()
    {
        var tracker = new ProgressTracker(new ManualClock());
        var output = new StringWriter();

        ProgressView.For(ProgressMode.Plain, tracker, output).Run(() =>
        {
            tracker.Building(1);
            tracker.Started("A.One");
            tracker.ErrorLine("// an error");
            tracker.Finished("A.One", succeeded: true);
            return 0;
        });

        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldBe(["// an error", "// PerfGate: benchmark 1/1 done: A.One in 0.0 s (0:00 elapsed, about 0:00 left)"]);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
