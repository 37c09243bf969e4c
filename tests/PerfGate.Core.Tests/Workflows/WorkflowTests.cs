using System.Text.RegularExpressions;

namespace PerfGate.Core.Tests.Workflows;

/// <summary>The essentials of .github/workflows: triggers, least privilege, pinned actions, the gate's command line.</summary>
public sealed partial class WorkflowTests
{
    /// <summary>Every write permission in the repository's workflows, by file and job. Adding one means adding it here.</summary>
    private static readonly Dictionary<(string File, string Job), string[]> AllowedWrites = new()
    {
        [("perf-gate.yml", "gate")] = ["pull-requests"],
        [("perf-gate-comment.yml", "comment")] = ["pull-requests"],
        [("perf-main.yml", "record")] = ["contents"],
        [("perf-baseline.yml", "refresh")] = ["contents", "pull-requests"],
    };

    public static TheoryData<string> Files => new(WorkflowFile.Names);

    [Fact]
    public void The_four_workflows_exist() =>
        WorkflowFile.Names.ShouldBe(["perf-baseline.yml", "perf-gate-comment.yml", "perf-gate.yml", "perf-main.yml"], ignoreOrder: true);

    [Theory]
    [MemberData(nameof(Files))]
    public void No_pull_request_target(string file)
    {
        WorkflowFile.Load(file).On.Keys.ShouldNotContain("pull_request_target");
        File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Root, ".github", "workflows", file)).ShouldNotContain("pull_request_target:");
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
        var benchmarkJobs = wf.Runs.Where(r => RunsBenchmarkCode(r.Run)).Select(r => r.Job).Distinct().ToList();
        // Every workflow but the fork-comment one measures: if the command is reworded, this test must notice.
        (benchmarkJobs.Count > 0).ShouldBe(file != "perf-gate-comment.yml", $"{file}: jobs that run the benchmarks");
        foreach (var job in benchmarkJobs)
        {
            var permissions = WorkflowFile.Permissions(WorkflowFile.Map(wf.Jobs[job])["permissions"]);
            permissions.Values.ShouldAllBe(v => !v.StartsWith("write", StringComparison.Ordinal), $"{file}/{job} runs benchmark code");
            var checkout = wf.Steps.Single(s => s.Job == job && s.Step.GetValueOrDefault("uses") is string u && u.StartsWith("actions/checkout@", StringComparison.Ordinal));
            ((string)WorkflowFile.Map(checkout.Step["with"])["persist-credentials"]).ShouldBe("false", $"{file}/{job}");
            wf.Uses.ShouldContain(u => u.Job == job && u.Uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal), $"{file}/{job} hands its results on");
        }

        foreach (var (job, _) in wf.Jobs.Where(j => WorkflowFile.Permissions(WorkflowFile.Map(j.Value).GetValueOrDefault("permissions")).Values.Any(v => v.StartsWith("write", StringComparison.Ordinal))))
        {
            wf.Runs.Where(r => r.Job == (string)job).ShouldAllBe(r => !RunsBenchmarkCode(r.Run), $"{file}/{job} holds a write token");
            wf.Runs.Where(r => r.Job == (string)job && r.Run.Contains("dotnet build", StringComparison.Ordinal)).ShouldBeEmpty($"{file}/{job} builds the whole solution");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Actions_are_pinned_to_a_version(string file)
    {
        foreach (var (job, uses) in WorkflowFile.Load(file).Uses)
        {
            PinnedAction().IsMatch(uses).ShouldBeTrue($"{file}/{job}: {uses}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dotnet_is_10(string file)
    {
        foreach (var (_, step) in WorkflowFile.Load(file).Steps.Where(s => s.Step.GetValueOrDefault("uses") is string u && u.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)))
        {
            ((string)WorkflowFile.Map(step["with"])["dotnet-version"]).ShouldBe("10.0.x");
        }
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
    public void Perf_gate_runs_on_pull_requests_and_comments_from_the_gate_job()
    {
        var wf = WorkflowFile.Load("perf-gate.yml");
        wf.On.Keys.ShouldBe(["pull_request", "workflow_dispatch"], ignoreOrder: true);

        var check = wf.Runs.Single(r => r.Run.Contains(" check ", StringComparison.Ordinal));
        check.Job.ShouldBe("gate");
        Flat(check.Run).ShouldBe("dotnet run -c Release --project src/PerfGate.Cli -- check --ab pr/ab --baseline baselines --history .perfgate/history.db --markdown perfgate-report.md --json perfgate-verdict.json --github-comment");

        // The gate judges the uploaded rounds with the base commit's perfgate and baseline, and runs no benchmark code.
        var checkout = wf.Steps.Single(s => s.Job == "gate" && IsUse(s.Step, "actions/checkout@"));
        ((string)WorkflowFile.Map(checkout.Step["with"])["ref"]).ShouldBe("${{ github.event.pull_request.base.sha || github.sha }}");
        var download = wf.Steps.Single(s => s.Job == "gate" && IsUse(s.Step, "actions/download-artifact@"));
        var with = WorkflowFile.Map(download.Step["with"]);
        ((string)with["name"]).ShouldBe("benchmark-results");
        ((string)with["path"]).ShouldBe("pr/", "the PR's data lands in a folder of its own, never over the trusted checkout");
        wf.Runs.Where(r => r.Job == "gate").ShouldAllBe(r => !RunsBenchmarkCode(r.Run) && !r.Run.Contains(" ab ", StringComparison.Ordinal));

        wf.Uses.ShouldContain(u => u.Job == "gate" && u.Uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
    }

    /// <summary>SPEC §6: the PR job builds the merge base and the head and measures them side by side with perfgate ab.</summary>
    [Fact]
    public void Perf_gate_measures_the_merge_base_and_the_head_side_by_side()
    {
        var wf = WorkflowFile.Load("perf-gate.yml");
        var job = WorkflowFile.Map(wf.Jobs["benchmarks"]);
        var steps = wf.Steps.Where(s => s.Job == "benchmarks").Select(s => s.Step).ToList();
        var env = WorkflowFile.Map(job["env"]);
        var baseDir = (string)env["BASE_DIR"];
        baseDir.ShouldStartWith("${{ github.workspace }}/");
        ((string)env["AB_JOB_ARGS"]).ShouldContain("--inProcess", customMessage: "PerfGateJobs.AbArguments; the Benchmarks tests hold the two equal");

        // The head: the PR's own commit, with the history both sides share, and no credentials kept on disk.
        var checkout = WorkflowFile.Map(steps.Single(s => IsUse(s, "actions/checkout@"))["with"]);
        ((string)checkout["ref"]).ShouldBe("${{ github.event.pull_request.head.sha || github.sha }}");
        checkout["fetch-depth"].ToString().ShouldBe("0");
        ((string)checkout["persist-credentials"]).ShouldBe("false");

        // The base: a worktree of git merge-base(PR base SHA, head), not the base branch's tip.
        var worktreeIndex = steps.FindIndex(s => Run(s).Contains("git worktree add", StringComparison.Ordinal));
        worktreeIndex.ShouldBeGreaterThanOrEqualTo(0, "a step adds the base's worktree");
        var worktree = steps[worktreeIndex];
        ((string)WorkflowFile.Map(worktree["env"])["BASE_SHA"]).ShouldBe("${{ github.event.pull_request.base.sha }}");
        var script = Run(worktree);
        script.ShouldContain("head=$(git rev-parse HEAD)");
        script.ShouldContain("base=$(git merge-base \"$target\" \"$head\")");
        script.ShouldContain("target=${BASE_SHA:-");
        script.ShouldContain("git worktree add --detach \"$BASE_DIR\" \"$base\"");

        // Both are built, the base from its worktree; then perfgate ab runs, after both builds.
        var headBuild = steps.FindIndex(s => Flat(Run(s)) == "dotnet build benchmarks -c Release");
        var baseBuild = steps.FindIndex(s => Flat(Run(s)) == "dotnet build \"$BASE_DIR/benchmarks\" -c Release");
        var abIndex = steps.FindIndex(s => Run(s).Contains("perfgate.dll ab ", StringComparison.Ordinal));
        headBuild.ShouldBeGreaterThan(worktreeIndex);
        baseBuild.ShouldBeGreaterThan(worktreeIndex);
        abIndex.ShouldBeGreaterThan(Math.Max(headBuild, baseBuild));

        var ab = Flat(Run(steps[abIndex]).Replace("\\\n", " ", StringComparison.Ordinal));
        ab.ShouldContain("dotnet src/PerfGate.Cli/bin/Release/net10.0/perfgate.dll ab ");
        ab.ShouldContain("--base-command \"dotnet $BASE_DIR/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll --no-gate --no-record $AB_JOB_ARGS\"");
        ab.ShouldContain("--head-command \"dotnet $GITHUB_WORKSPACE/benchmarks/bin/Release/net10.0/PerfGate.Benchmarks.dll --no-gate --no-record $AB_JOB_ARGS\"");
        ab.ShouldContain(" --out ab ");
        ab.ShouldContain(" --markdown ab-report.md --json ab-verdict.json");
        ab.ShouldNotContain("--github-comment", customMessage: "only the gate job publishes");
        ab.ShouldNotContain("--record");

        // A regression (1) is the gate job's to report; bad input or an internal error (2, 3) fails here.
        Run(steps[abIndex]).ShouldContain("if [ \"$status\" -gt 1 ]; then exit \"$status\"; fi");

        // Under 10 minutes on a 2-core runner: perfgate ab's budget leaves time for the checkout and the two builds.
        var maxMinutes = int.Parse(Regex.Match(ab, @"--max-minutes (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        maxMinutes.ShouldBe(6);
        var timeout = int.Parse((string)job["timeout-minutes"], System.Globalization.CultureInfo.InvariantCulture);
        timeout.ShouldBeLessThanOrEqualTo(10);
        timeout.ShouldBeGreaterThanOrEqualTo(maxMinutes + 3);

        // The rounds go to the gate job as an artifact.
        var upload = WorkflowFile.Map(steps.Single(s => IsUse(s, "actions/upload-artifact@"))["with"]);
        ((string)upload["name"]).ShouldBe("benchmark-results");
        ((string)upload["path"]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(["ab/", "ab-report.md", "ab-verdict.json"]);
        wf.Runs.ShouldNotContain(r => r.Run.Contains("--ci", StringComparison.Ordinal), "the PR job runs the A/B job, not the long CI job");
    }

    [Fact]
    public void Fork_comment_workflow_never_checks_out_or_runs_code()
    {
        var wf = WorkflowFile.Load("perf-gate-comment.yml");
        wf.On.Keys.ShouldBe(["workflow_run"]);
        wf.Uses.ShouldNotContain(u => u.Uses.StartsWith("actions/checkout@", StringComparison.Ordinal));
        wf.Runs.ShouldAllBe(r => !r.Run.Contains("dotnet", StringComparison.Ordinal));
    }

    [Fact]
    public void Perf_main_records_on_push_to_main_without_races()
    {
        var wf = WorkflowFile.Load("perf-main.yml");
        WorkflowFile.List(WorkflowFile.Map(wf.On["push"])["branches"]).ShouldBe(["main"]);

        var concurrency = WorkflowFile.Map(wf.Root["concurrency"]);
        ((string)concurrency["group"]).ShouldBe("perfgate-history");
        ((string)concurrency["cancel-in-progress"]).ShouldBe("false");

        var check = wf.Runs.Single(r => r.Run.Contains(" check ", StringComparison.Ordinal)).Run;
        check.ShouldContain("--record --branch main");
        wf.Runs.ShouldContain(r => r.Run.Contains("refs/heads/perfgate-history", StringComparison.Ordinal));
    }

    [Fact]
    public void Perf_baseline_is_manual_and_proposes_a_pull_request()
    {
        var wf = WorkflowFile.Load("perf-baseline.yml");
        wf.On.Keys.ShouldBe(["workflow_dispatch"]);
        wf.Runs.ShouldContain(r => r.Run.Contains("baseline update --from BenchmarkDotNet.Artifacts/results --dir baselines", StringComparison.Ordinal));
        wf.Runs.ShouldContain(r => r.Run.Contains("gh pr create", StringComparison.Ordinal));
    }

    /// <summary>A run step that builds or runs benchmark code: the benchmarks project, its dll, or perfgate ab (which runs both sides).</summary>
    private static bool RunsBenchmarkCode(string run) =>
        run.Contains("--project benchmarks", StringComparison.Ordinal)
        || run.Contains("PerfGate.Benchmarks.dll", StringComparison.Ordinal)
        || Regex.IsMatch(run, @"dotnet build\b[^\n]*benchmarks")
        || Regex.IsMatch(run, @"\bab\s+\\?\s*--(base|head)-command");

    private static bool IsUse(Dictionary<object, object> step, string action) =>
        step.GetValueOrDefault("uses") is string u && u.StartsWith(action, StringComparison.Ordinal);

    private static string Run(Dictionary<object, object> step) => step.GetValueOrDefault("run") as string ?? "";

    private static string Flat(string run) => Regex.Replace(run, @"\s+", " ").Trim();

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();
}
