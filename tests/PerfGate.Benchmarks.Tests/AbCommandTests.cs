using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace PerfGate.Benchmarks.Tests;

/// <summary><c>--ab REF</c>: how it is parsed, and the <c>perfgate ab</c> command line it builds (no git, no processes).</summary>
public sealed class AbCommandTests
{
    private const string Root = "/repo";
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 5, 9, TimeSpan.Zero);

    [Fact]
    public void Without_ab_nothing_changes()
    {
        var options = RunOptions.Parse([]);

        options.Ab.ShouldBeNull();
        options.Error.ShouldBeNull();
        options.BenchmarkDotNetArguments.ShouldBe(["--filter", "*"]);
        options.Gate.ShouldBeTrue();
    }

    [Fact]
    public void Ab_takes_a_ref_the_perfgate_options_and_the_users_filter()
    {
        var options = RunOptions.Parse(["--ab", "main", "--rounds", "2", "--max-minutes", "4.5", "--max-confirmation-rounds", "0", "--filter", "*Validation*", "*Prompt*", "--verbose"]);

        options.Error.ShouldBeNull();
        var ab = options.Ab.ShouldNotBeNull();
        ab.Ref.ShouldBe("main");
        ab.Rounds.ShouldBe(2);
        ab.MaxMinutes.ShouldBe(4.5);
        ab.MaxConfirmationRounds.ShouldBe(0);
        ab.Filter.ShouldBe(["*Validation*", "*Prompt*"]);
        ab.Verbose.ShouldBeTrue();
    }

    [Fact]
    public void Ab_accepts_the_equals_form_and_leaves_perfgates_defaults_alone()
    {
        var ab = RunOptions.Parse(["--ab=HEAD~1", "--filter=*Startup*"]).Ab.ShouldNotBeNull();

        ab.Ref.ShouldBe("HEAD~1");
        ab.Rounds.ShouldBeNull();
        ab.MaxMinutes.ShouldBeNull();
        ab.MaxConfirmationRounds.ShouldBeNull();
        ab.Filter.ShouldBe(["*Startup*"]);
        ab.Verbose.ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "--ab" }, "--ab needs a git ref")]
    [InlineData(new[] { "--ab", "--rounds", "2" }, "--ab needs a git ref")]
    [InlineData(new[] { "--ab", "main", "--rounds", "0" }, "--rounds needs a whole number of 1 or more, not '0'")]
    [InlineData(new[] { "--ab", "main", "--rounds", "two" }, "--rounds needs a whole number")]
    [InlineData(new[] { "--ab", "main", "--max-minutes", "-1" }, "--max-minutes needs a positive number")]
    [InlineData(new[] { "--ab", "main", "--ci" }, "not: --ci")]
    [InlineData(new[] { "--ab", "main", "--no-gate" }, "not: --no-gate")]
    [InlineData(new[] { "--ab", "main", "--job", "dry" }, "not: --job dry")]
    [InlineData(new[] { "--rounds", "3" }, "go with --ab <git ref>")]
    [InlineData(new[] { "--max-minutes", "3" }, "go with --ab <git ref>")]
    public void Ab_usage_errors_are_one_line(string[] args, string expected)
    {
        RunOptions.Parse(args).Error.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void A_repeated_filter_keeps_the_last_one_so_a_confirmation_round_narrows_the_users_filter()
    {
        // perfgate ab appends "--filter <suspects>" to a command that may hold the user's own --filter;
        // BenchmarkDotNet refuses a repeated option.
        var options = RunOptions.Parse(["--no-gate", "--filter", "*Validation*", "--inProcess", "--artifacts", "a", "--filter", "*ValidateBatch*", "*ValidateOne*"]);

        options.Error.ShouldBeNull();
        options.Filtered.ShouldBeTrue();
        options.BenchmarkDotNetArguments.ShouldBe(["--inProcess", "--artifacts", "a", "--filter", "*ValidateBatch*", "*ValidateOne*"]);
    }

    [Fact]
    public void A_single_filter_is_passed_on_as_it_was_given()
    {
        RunOptions.Parse(["-f", "*Prompt*", "--job", "dry"]).BenchmarkDotNetArguments.ShouldBe(["-f", "*Prompt*", "--job", "dry"]);
    }

    [Fact]
    public void The_ab_job_is_one_in_process_launch_per_side_and_round()
    {
        PerfGateJobs.AbArguments.ShouldBe("--inProcess --launchCount 1 --warmupCount 2 --iterationCount 6 --iterationTime 100");

        // What a side runs, as perfgate ab calls it in a confirmation round, read by BenchmarkDotNet's own parser.
        var options = RunOptions.Parse([
            RunOptions.NoGateSwitch, RunOptions.NoRecordSwitch, .. PerfGateJobs.AbArguments.Split(' '),
            "--filter", "*Validation*", "--artifacts", "/tmp/x", "--filter", "*ValidateOne*"]);
        options.Error.ShouldBeNull();
        options.Gate.ShouldBeFalse();
        options.Record.ShouldBeFalse();
        var (ok, config, _) = ConfigParser.Parse([.. options.BenchmarkDotNetArguments], NullLogger.Instance, PerfGateConfig.Create(options));
        ok.ShouldBeTrue();
        var job = config.GetJobs().ShouldHaveSingleItem();
        job.Infrastructure.Toolchain.ShouldBeOfType<InProcessEmitToolchain>();
        job.Run.LaunchCount.ShouldBe(1);
        job.Run.WarmupCount.ShouldBe(2);
        job.Run.IterationCount.ShouldBe(6);
        job.Run.IterationTime.ShouldBe(TimeInterval.FromMilliseconds(100));
    }

    [Fact]
    public void A_side_runs_the_benchmarks_program_only_measuring_with_the_ab_job()
    {
        AbCommand.BenchmarkCommand("/repo/.perfgate/ab/base-0123456789ab/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll", [])
            .ShouldBe("dotnet /repo/.perfgate/ab/base-0123456789ab/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll --no-gate --no-record "
                      + "--inProcess --launchCount 1 --warmupCount 2 --iterationCount 6 --iterationTime 100");
    }

    [Fact]
    public void The_users_filter_and_odd_paths_are_quoted_for_the_shell()
    {
        AbCommand.BenchmarkCommand("/my repo/it's.dll", ["*Validation*", "Prompt"])
            .ShouldBe("dotnet '/my repo/it'\\''s.dll' --no-gate --no-record " + PerfGateJobs.AbArguments + " --filter '*Validation*' Prompt");
    }

    [Fact]
    public void The_base_lives_in_a_git_ignored_worktree_named_by_its_short_sha()
    {
        AbCommand.BaseWorktree(Root, Sha).ShouldBe("/repo/.perfgate/ab/base-0123456789ab");
        AbCommand.BenchmarksDll("/repo/.perfgate/ab/base-0123456789ab").ShouldBe("/repo/.perfgate/ab/base-0123456789ab/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll");
        AbCommand.RunDirectory(Root, Now).ShouldBe("/repo/.perfgate/ab/run-20261202-140509");
    }

    [Fact]
    public void Perfgate_ab_gets_both_sides_the_out_folder_and_checks_inputs()
    {
        var plan = AbCommand.Plan(Root, "/base.dll", "/head.dll", Now, RunOptions.Parse(["--ab", "main"]).Ab!, exists: _ => true);

        AbCommand.PerfGateArguments(plan).ShouldBe([
            "ab",
            "--base-command", $"dotnet /base.dll --no-gate --no-record {PerfGateJobs.AbArguments}",
            "--head-command", $"dotnet /head.dll --no-gate --no-record {PerfGateJobs.AbArguments}",
            "--out", "/repo/.perfgate/ab/run-20261202-140509",
            "--baseline", "/repo/baselines",
            "--history", "/repo/.perfgate/history.db",
            "--config", "/repo/perfgate.json",
            "--markdown", "/repo/.perfgate/ab/run-20261202-140509/perfgate-report.md",
            "--json", "/repo/.perfgate/ab/run-20261202-140509/perfgate-verdict.json",
        ]);
    }

    [Fact]
    public void Options_the_user_gave_pass_through_and_the_filter_goes_into_both_commands()
    {
        var ab = RunOptions.Parse(["--ab", "main", "--rounds", "2", "--max-minutes", "6", "--max-confirmation-rounds", "1", "--filter", "*Validation*", "--verbose"]).Ab!;
        var args = AbCommand.PerfGateArguments(AbCommand.Plan(Root, "/base.dll", "/head.dll", Now, ab, exists: _ => true));

        Value(args, "--base-command").ShouldEndWith(" --filter '*Validation*'");
        Value(args, "--head-command").ShouldEndWith(" --filter '*Validation*'");
        Value(args, "--rounds").ShouldBe("2");
        Value(args, "--max-minutes").ShouldBe("6");
        Value(args, "--max-confirmation-rounds").ShouldBe("1");
        args.ShouldContain("--ignore-missing");
        args.ShouldContain("--verbose");
    }

    [Fact]
    public void A_missing_history_baseline_or_configuration_is_left_out()
    {
        var ab = RunOptions.Parse(["--ab", "main"]).Ab!;
        var args = AbCommand.PerfGateArguments(AbCommand.Plan(Root, "/base.dll", "/head.dll", Now, ab, exists: p => p.EndsWith("baselines", StringComparison.Ordinal)));

        Value(args, "--baseline").ShouldBe("/repo/baselines");
        args.ShouldNotContain("--history");
        args.ShouldNotContain("--config");
        args.ShouldNotContain("--rounds");
        args.ShouldNotContain("--max-minutes");
        args.ShouldNotContain("--ignore-missing");
    }

    [Theory]
    [InlineData("/repo/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll", true)]
    [InlineData("/repo/benchmarks/bin/Debug/net10.0/PerfGate.Benchmarks.dll", false)]
    public void The_head_must_be_a_Release_build_like_the_base(string dll, bool release) => AbCommand.IsReleaseBuild(dll).ShouldBe(release);

    [Theory]
    [InlineData("main", "main")]
    [InlineData("/a/b-c_d.dll", "/a/b-c_d.dll")]
    [InlineData("*Validation*", "'*Validation*'")]
    [InlineData("a b", "'a b'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("", "''")]
    public void Shell_quoting(string arg, string expected) => AbCommand.ShellQuote(arg).ShouldBe(expected);

    private static string Value(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        i.ShouldBeGreaterThanOrEqualTo(0, $"{name} in {string.Join(' ', args)}");
        return args[i + 1];
    }
}
