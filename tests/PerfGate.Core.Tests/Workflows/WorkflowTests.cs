using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Tests.Workflows;

/// <summary>The essentials of .github/workflows: triggers, least privilege, pinned actions, credentials, cost.</summary>
public sealed partial class WorkflowTests
{
    private const string Reusable = "perfgate-reusable.yml";

    /// <summary>Every write permission in the repository's workflows, by file and job. Adding one means adding it here.</summary>
    private static readonly Dictionary<(string File, string Job), string[]> AllowedWrites = new()
    {
        [("perf-gate.yml", "perfgate")] = ["pull-requests", "statuses"],
        [("perf-gate-comment.yml", "perfgate")] = ["pull-requests", "statuses"],
        [(Reusable, "gate")] = ["pull-requests", "statuses"],
        [(Reusable, "comment")] = ["pull-requests"],
        [("perf-main.yml", "record")] = ["contents"],
        [("perf-baseline.yml", "refresh")] = ["contents", "pull-requests"],
    };

    public static TheoryData<string> Files => new(WorkflowFile.Names);

    [Fact]
    public void The_workflows_exist() =>
        WorkflowFile.Names.ShouldBe(["perf-baseline.yml", "perf-gate-comment.yml", "perf-gate.yml", "perf-main.yml", Reusable], ignoreOrder: true);

    [Theory]
    [MemberData(nameof(Files))]
    public void No_pull_request_target(string file)
    {
        WorkflowFile.Load(file).On.Keys.ShouldNotContain("pull_request_target");
        WorkflowFile.Text(file).ShouldNotContain("pull_request_target:");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Top_level_permissions_are_read_only(string file)
    {
        var permissions = WorkflowFile.Permissions(WorkflowFile.Load(file).Root.GetValueOrDefault("permissions"));
        permissions.ShouldNotBeEmpty($"{file} must declare top-level permissions");
        permissions.Values.ShouldAllBe(v => v == "read" || v == "none");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_job_declares_permissions_and_writes_only_where_allowed(string file)
    {
        foreach (var (job, node) in WorkflowFile.Load(file).Jobs)
        {
            var map = WorkflowFile.Map(node);
            map.ShouldContainKey("permissions", $"{file}/{job}");
            var writes = WorkflowFile.Permissions(map["permissions"]).Where(p => p.Value == "write").Select(p => p.Key).Order().ToArray();
            var allowed = AllowedWrites.GetValueOrDefault((file, (string)job), []);
            writes.ShouldBe(allowed.Order().ToArray(), $"{file}/{job} write permissions");
        }
    }

    /// <summary>
    /// Benchmark code (the PR's, or main's) never runs in a job that holds a write scope or keeps credentials on disk:
    /// jobs that run it upload results, and a separate job that builds only perfgate judges, records or proposes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Benchmark_code_runs_only_in_read_only_jobs_without_stored_credentials(string file)
    {
        var wf = WorkflowFile.Load(file);
        var benchmarkJobs = wf.Steps.Where(s => RunsBenchmarkCode(s.Step)).Select(s => s.Job).Distinct().ToList();
        // Only the reusable workflow and the main/baseline workflows measure: if the command is reworded, this test must notice.
        (benchmarkJobs.Count > 0).ShouldBe(file is Reusable or "perf-main.yml" or "perf-baseline.yml", $"{file}: jobs that run the benchmarks");
        foreach (var job in benchmarkJobs)
        {
            var permissions = WorkflowFile.Permissions(WorkflowFile.Map(wf.Jobs[job])["permissions"]);
            permissions.Values.ShouldAllBe(v => !v.StartsWith("write", StringComparison.Ordinal), $"{file}/{job} runs benchmark code");
            wf.Uses.ShouldContain(u => u.Job == job && u.Uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal), $"{file}/{job} hands its results on");
        }

        foreach (var (job, _) in wf.Jobs.Where(j => WorkflowFile.Permissions(WorkflowFile.Map(j.Value).GetValueOrDefault("permissions")).Values.Any(v => v.StartsWith("write", StringComparison.Ordinal))))
        {
            wf.Steps.Where(s => s.Job == (string)job).ShouldAllBe(s => !RunsBenchmarkCode(s.Step), $"{file}/{job} holds a write token");
            wf.Runs.Where(r => r.Job == (string)job && Regex.IsMatch(r.Run, @"dotnet build(?! src/PerfGate\.Cli\b)")).ShouldBeEmpty($"{file}/{job} builds more than perfgate");
        }
    }

    /// <summary>No job keeps the token in .git/config: every checkout says persist-credentials: false (review finding).</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Every_checkout_leaves_no_credentials_on_disk(string file)
    {
        foreach (var (job, step) in WorkflowFile.Load(file).Steps.Where(s => IsUse(s.Step, "actions/checkout@")))
        {
            var with = step.GetValueOrDefault("with") as Dictionary<object, object>;
            (with?.GetValueOrDefault("persist-credentials") as string).ShouldBe("false", $"{file}/{job}");
        }
    }

    /// <summary>
    /// In a job that can write, the token is handed only to the steps that push or publish: never to a step that
    /// restores or builds (NuGet and MSBuild run code from packages and project files).
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Write_jobs_give_the_token_only_to_the_steps_that_push_or_publish(string file)
    {
        var wf = WorkflowFile.Load(file);
        foreach (var (job, _) in wf.Jobs.Where(j => WorkflowFile.Permissions(WorkflowFile.Map(j.Value).GetValueOrDefault("permissions")).ContainsValue("write")))
        {
            foreach (var (_, step) in wf.Steps.Where(s => s.Job == (string)job))
            {
                var run = Run(step);
                var getsToken = step.GetValueOrDefault("env") is Dictionary<object, object> env && env.Values.OfType<string>().Any(v => v.Contains("github.token", StringComparison.Ordinal));
                if (getsToken)
                {
                    Regex.IsMatch(run, @"dotnet (build|restore|run)\b").ShouldBeFalse($"{file}/{job}: a step with the token builds");
                    Regex.IsMatch(run, @"git push|gh (api|pr)|perfgate-history\.sh (fetch|push)|--record-accepted").ShouldBeTrue($"{file}/{job}: '{step.GetValueOrDefault("name")}' gets the token but neither pushes nor publishes");
                }
            }
        }
    }

    /// <summary>Third-party actions by full commit SHA with the version in a comment; reusable workflows and actions of this repository by path.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Actions_are_pinned_by_commit_sha(string file)
    {
        var wf = WorkflowFile.Load(file);
        var text = WorkflowFile.Text(file);
        foreach (var uses in wf.Uses.Select(u => u.Uses).Concat(wf.Calls.Select(c => c.Uses)))
        {
            if (uses.StartsWith("./", StringComparison.Ordinal))
            {
                continue;
            }

            PinnedBySha().IsMatch(uses).ShouldBeTrue($"{file}: {uses} is not pinned to a commit");
            Regex.IsMatch(text, Regex.Escape(uses) + @" # v\d+(\.\d+){0,2}\r?\n").ShouldBeTrue($"{file}: {uses} needs its version in a comment (# v4.1.0)");
        }
    }

    [Fact]
    public void The_action_pins_its_actions_by_commit_sha()
    {
        var text = File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Root, "action.yml"));
        var uses = WorkflowFile.LoadAction().Uses.Select(u => u.Uses).ToList();
        uses.ShouldNotBeEmpty();
        foreach (var u in uses)
        {
            PinnedBySha().IsMatch(u).ShouldBeTrue(u);
            Regex.IsMatch(text, Regex.Escape(u) + @" # v\d+(\.\d+){0,2}\r?\n").ShouldBeTrue(u);
        }
    }

    /// <summary>Every job that restores NuGet packages caches them, keyed on the central package versions and the projects.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Jobs_that_build_cache_nuget_packages(string file)
    {
        var wf = WorkflowFile.Load(file);
        foreach (var job in wf.Runs.Where(r => Regex.IsMatch(r.Run, @"dotnet (build|restore|run)\b")).Select(r => r.Job).Distinct())
        {
            var cache = wf.Steps.SingleOrDefault(s => s.Job == job && IsUse(s.Step, "actions/cache@"));
            cache.Step.ShouldNotBeNull($"{file}/{job} builds without a NuGet cache");
            var with = WorkflowFile.Map(cache.Step["with"]);
            ((string)with["path"]).ShouldBe("~/.nuget/packages");
            ((string)with["key"]).ShouldContain("hashFiles('Directory.Packages.props', '**/*.csproj')");
            var index = wf.Steps.Where(s => s.Job == job).Select(s => s.Step).ToList();
            index.IndexOf(cache.Step).ShouldBeLessThan(index.FindIndex(s => Regex.IsMatch(Run(s), @"dotnet (build|restore|run)\b")), $"{file}/{job}: the cache is restored before the first build");
        }

        var action = WorkflowFile.LoadAction();
        action.Steps.ShouldContain(s => IsUse(s.Step, "actions/cache@") && (string)WorkflowFile.Map(s.Step["with"])["path"] == "~/.nuget/packages", "the action caches NuGet too");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dotnet_is_10(string file)
    {
        foreach (var (_, step) in WorkflowFile.Load(file).Steps.Where(s => IsUse(s.Step, "actions/setup-dotnet@")))
        {
            ((string)WorkflowFile.Map(step["with"])["dotnet-version"]).ShouldBe("10.0.x");
        }

        ((string)WorkflowFile.Map(WorkflowFile.LoadAction().Inputs["dotnet-version"])["default"]).ShouldBe("10.0.x");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Scripts_take_event_fields_only_through_environment_variables(string file)
    {
        // ${{ github.event.* }} inside run: is script injection (a branch name or title can hold shell code).
        foreach (var (job, run) in WorkflowFile.Load(file).Runs)
        {
            run.ShouldNotContain("${{", customMessage: $"{file}/{job}");
        }
    }

    [Fact]
    public void The_action_scripts_take_inputs_only_through_environment_variables()
    {
        foreach (var (_, run) in WorkflowFile.LoadAction().Runs)
        {
            run.ShouldNotContain("${{");
        }
    }

    /// <summary>This repository's PR gate is the reusable workflow adopters call (dogfood), judged by the base commit's perfgate.</summary>
    [Fact]
    public void Perf_gate_calls_the_reusable_workflow_and_skips_docs_only_changes()
    {
        var wf = WorkflowFile.Load("perf-gate.yml");
        wf.On.Keys.ShouldBe(["pull_request", "workflow_dispatch"], ignoreOrder: true);
        var ignored = WorkflowFile.List(WorkflowFile.Map(wf.On["pull_request"])["paths-ignore"]).Cast<string>().ToList();
        ignored.ShouldBe(["**/*.md", "docs/**"], ignoreOrder: true);

        var (job, uses, with) = wf.Calls.ShouldHaveSingleItem();
        uses.ShouldBe("./.github/workflows/" + Reusable);
        ((string)with["perfgate-ref"]).ShouldBe("${{ github.event.pull_request.base.sha || github.sha }}", "the judge is the base commit's perfgate, not the PR's");
        ((string)with["perfgate-repository"]).ShouldBe("${{ github.repository }}");
        ((string)with["benchmark-project"]).ShouldBe("benchmarks");
        ((string)with["config"]).ShouldBe("perfgate.json");
        ((string)with["baseline"]).ShouldBe("baselines");
        job.ShouldBe("perfgate");
        wf.Steps.ShouldBeEmpty("everything runs in the reusable workflow");

        // The A/B job's budget and timeout: the timeout is 1.5-2x the rounds' budget (review: it was 6x the run time).
        var maxMinutes = int.Parse((string)with["max-minutes"], CultureInfo.InvariantCulture);
        var timeout = int.Parse((string)with["timeout-minutes"], CultureInfo.InvariantCulture);
        maxMinutes.ShouldBe(6);
        timeout.ShouldBeInRange((int)(maxMinutes * 1.5), maxMinutes * 2);
    }

    [Fact]
    public void The_reusable_workflow_measures_without_a_write_token_and_judges_with_trusted_code()
    {
        var wf = WorkflowFile.Load(Reusable);
        wf.On.Keys.ShouldBe(["workflow_call"]);
        var jobs = wf.Jobs.Keys.Cast<string>().ToList();
        jobs.ShouldBe(["benchmarks", "gate", "comment"], ignoreOrder: true);

        // benchmarks: the PR's head with both sides' history, PerfGate from the pinned ref, the action's measure step.
        var benchmarks = WorkflowFile.Map(wf.Jobs["benchmarks"]);
        WorkflowFile.Permissions(benchmarks["permissions"]).ShouldBe(new Dictionary<string, string> { ["contents"] = "read" });
        ((string)benchmarks["timeout-minutes"]).ShouldBe("${{ inputs.timeout-minutes }}");
        var steps = wf.Steps.Where(s => s.Job == "benchmarks").Select(s => s.Step).ToList();
        var head = WorkflowFile.Map(steps[0]["with"]);
        ((string)head["ref"]).ShouldBe("${{ github.event.pull_request.head.sha || github.sha }}");
        head["fetch-depth"].ToString().ShouldBe("0");
        var perfgate = WorkflowFile.Map(steps[1]["with"]);
        ((string)perfgate["repository"]).ShouldBe("${{ inputs.perfgate-repository }}");
        ((string)perfgate["ref"]).ShouldBe("${{ inputs.perfgate-ref }}");
        ((string)perfgate["path"]).ShouldBe(".perfgate-action");
        var measure = steps.Single(s => (s.GetValueOrDefault("uses") as string) == "./.perfgate-action");
        ((string)WorkflowFile.Map(measure["with"])["step"]).ShouldBe("measure");
        var upload = WorkflowFile.Map(steps.Single(s => IsUse(s, "actions/upload-artifact@"))["with"]);
        ((string)upload["name"]).ShouldBe("benchmark-results");
        ((string)upload["path"]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(["ab/", "ab-report.md", "ab-verdict.json"]);

        // gate: the base commit (its config and baseline), the rounds as data in pr/, the action's judge step.
        var gate = wf.Steps.Where(s => s.Job == "gate").Select(s => s.Step).ToList();
        ((string)WorkflowFile.Map(gate[0]["with"])["ref"]).ShouldBe("${{ github.event.pull_request.base.sha || github.sha }}");
        var download = WorkflowFile.Map(gate.Single(s => IsUse(s, "actions/download-artifact@"))["with"]);
        ((string)download["name"]).ShouldBe("benchmark-results");
        ((string)download["path"]).ShouldBe("pr/", "the PR's data lands in a folder of its own, never over the trusted checkout");
        var judge = WorkflowFile.Map(gate.Single(s => (s.GetValueOrDefault("uses") as string) == "./.perfgate-action")["with"]);
        ((string)judge["step"]).ShouldBe("judge");
        ((string)judge["ab-dir"]).ShouldBe("pr/ab");
        var report = WorkflowFile.Map(gate.Single(s => IsUse(s, "actions/upload-artifact@"))["with"]);
        ((string)report["name"]).ShouldBe("perfgate-report");
        ((string)report["path"]).ShouldContain("perfgate-comment.md");
        ((string)judge["status-context"]).ShouldBe("${{ inputs.status-context }}");
        ((string)judge["accept-label"]).ShouldBe("${{ inputs.accept-label }}");

        foreach (var job in new[] { "benchmarks", "gate" })
        {
            ((string)WorkflowFile.Map(wf.Jobs[job])["if"]).ShouldContain("github.event_name != 'workflow_run'");
        }

        // Defaults: a 6-minute A/B budget in a 12-minute job.
        Default(wf, "max-minutes").ShouldBe("6");
        Default(wf, "timeout-minutes").ShouldBe("12");
    }

    /// <summary>
    /// Review findings on the fork path: it posted the full report (up to 1 MB; GitHub drops comments over 65,536
    /// characters) and failed red when the triggering run was cancelled (no artifact to download).
    /// </summary>
    [Fact]
    public void The_fork_comment_posts_the_comment_sized_report_only_after_a_run_that_finished()
    {
        var caller = WorkflowFile.Load("perf-gate-comment.yml");
        caller.On.Keys.ShouldBe(["workflow_run"]);
        WorkflowFile.List(WorkflowFile.Map(caller.On["workflow_run"])["workflows"]).ShouldBe(["perf-gate"]);
        caller.Calls.ShouldHaveSingleItem().Uses.ShouldBe("./.github/workflows/" + Reusable);

        var wf = WorkflowFile.Load(Reusable);
        var job = WorkflowFile.Map(wf.Jobs["comment"]);
        var condition = Flat((string)job["if"]);
        condition.ShouldContain("github.event_name == 'workflow_run'");
        condition.ShouldContain("github.event.workflow_run.head_repository.full_name != github.repository");
        condition.ShouldContain("(github.event.workflow_run.conclusion == 'success' || github.event.workflow_run.conclusion == 'failure')");

        var steps = wf.Steps.Where(s => s.Job == "comment").Select(s => s.Step).ToList();
        steps.ShouldNotContain(s => IsUse(s, "actions/checkout@"));
        steps.Select(Run).ShouldAllBe(r => !r.Contains("dotnet", StringComparison.Ordinal));
        var post = Run(steps.Single(s => Run(s).Contains("gh api", StringComparison.Ordinal)));
        post.ShouldContain("body=report/perfgate-comment.md");
        post.ShouldNotContain("perfgate-report.md");
        post.ShouldContain("-gt 65536");
        post.ShouldContain(".user.login == \\\"github-actions[bot]\\\"", customMessage: "only the bot's own comment is edited");
    }

    [Fact]
    public void Perf_main_records_on_push_to_main_without_races_and_through_the_history_script()
    {
        var wf = WorkflowFile.Load("perf-main.yml");
        WorkflowFile.List(WorkflowFile.Map(wf.On["push"])["branches"]).ShouldBe(["main"]);

        var concurrency = WorkflowFile.Map(wf.Root["concurrency"]);
        ((string)concurrency["group"]).ShouldBe("perfgate-history");
        ((string)concurrency["cancel-in-progress"]).ShouldBe("false");

        var check = wf.Runs.Single(r => r.Run.Contains(" check ", StringComparison.Ordinal)).Run;
        check.ShouldContain("--record --branch main");

        // Review: a failed fetch was taken for a first run and a one-run history force-pushed over the real one.
        var steps = wf.Steps.Where(s => s.Job == "record").Select(s => s.Step).ToList();
        var fetch = steps.Single(s => Run(s).Contains("perfgate-history.sh fetch", StringComparison.Ordinal));
        ((string)fetch["id"]).ShouldBe("fetch");
        var push = steps.Single(s => Run(s).Contains("perfgate-history.sh push", StringComparison.Ordinal));
        ((string)push["if"]).ShouldContain("steps.fetch.outcome == 'success'");
        var env = WorkflowFile.Map(push["env"]);
        ((string)env["PERFGATE"]).ShouldContain("perfgate.dll", customMessage: "the script prunes with perfgate");
        long.Parse((string)env["PERFGATE_HISTORY_WARN_BYTES"], CultureInfo.InvariantCulture).ShouldBeLessThanOrEqualTo(50L * 1024 * 1024);
        steps.IndexOf(fetch).ShouldBeLessThan(steps.FindIndex(s => Run(s).Contains(" check ", StringComparison.Ordinal)));
        steps.IndexOf(push).ShouldBeGreaterThan(steps.FindIndex(s => Run(s).Contains(" check ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Nothing_force_pushes(string file)
    {
        foreach (var (job, run) in WorkflowFile.Load(file).Runs)
        {
            run.ShouldNotContain("push --force ", customMessage: $"{file}/{job}");
            run.ShouldNotContain("push -f ", customMessage: $"{file}/{job}");
        }
    }

    [Fact]
    public void Perf_baseline_is_manual_and_proposes_a_pull_request()
    {
        var wf = WorkflowFile.Load("perf-baseline.yml");
        wf.On.Keys.ShouldBe(["workflow_dispatch"]);
        wf.Runs.ShouldContain(r => r.Run.Contains("baseline update --from BenchmarkDotNet.Artifacts/results --dir baselines", StringComparison.Ordinal));
        wf.Runs.ShouldContain(r => r.Run.Contains("gh pr create", StringComparison.Ordinal));
    }

    /// <summary>Main's full CI suite (about 6.5 minutes of benchmarks plus the build) gets a timeout near twice that, not 60 minutes.</summary>
    [Theory]
    [InlineData("perf-main.yml", "measure")]
    [InlineData("perf-baseline.yml", "measure")]
    public void Benchmark_jobs_time_out_near_twice_their_run_time(string file, string job)
    {
        var timeout = int.Parse((string)WorkflowFile.Map(WorkflowFile.Load(file).Jobs[job])["timeout-minutes"], CultureInfo.InvariantCulture);
        timeout.ShouldBeInRange(12, 20);
    }

    private static string Default(WorkflowFile wf, string input) => WorkflowFile.Map(wf.Inputs[input])["default"].ToString()!;

    /// <summary>A step that builds or runs benchmark code: the benchmarks project, its dll, perfgate ab, or the action's measuring steps.</summary>
    private static bool RunsBenchmarkCode(Dictionary<object, object> step)
    {
        if (step.GetValueOrDefault("uses") is string uses && uses.StartsWith("./", StringComparison.Ordinal))
        {
            var kind = (step.GetValueOrDefault("with") as Dictionary<object, object>)?.GetValueOrDefault("step") as string ?? "all";
            return kind is "all" or "measure";
        }

        var run = Run(step);
        return run.Contains("--project benchmarks", StringComparison.Ordinal)
            || run.Contains("PerfGate.Benchmarks.dll", StringComparison.Ordinal)
            || Regex.IsMatch(run, @"dotnet build\b[^\n]*benchmarks")
            || Regex.IsMatch(run, @"\bab\s+\\?\s*--(base|head)-command");
    }

    private static bool IsUse(Dictionary<object, object> step, string action) =>
        step.GetValueOrDefault("uses") is string u && u.StartsWith(action, StringComparison.Ordinal);

    private static string Run(Dictionary<object, object> step) => step.GetValueOrDefault("run") as string ?? "";

    private static string Flat(string run) => Regex.Replace(run, @"\s+", " ").Trim();

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")]
    private static partial Regex PinnedBySha();
}
