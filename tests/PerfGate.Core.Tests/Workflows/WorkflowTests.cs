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
        var benchmarkJobs = wf.Runs.Where(r => r.Run.Contains("--project benchmarks", StringComparison.Ordinal)).Select(r => r.Job).Distinct().ToList();
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
            wf.Runs.Where(r => r.Job == (string)job).ShouldAllBe(r => !r.Run.Contains("--project benchmarks", StringComparison.Ordinal), $"{file}/{job} holds a write token");
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

        var benchmarkRun = wf.Runs.Single(r => r.Run.Contains("--project benchmarks", StringComparison.Ordinal));
        benchmarkRun.Job.ShouldBe("benchmarks");
        benchmarkRun.Run.ShouldContain("dotnet run -c Release --project benchmarks -- --ci --no-gate");

        var check = wf.Runs.Single(r => r.Run.Contains(" check ", StringComparison.Ordinal));
        check.Job.ShouldBe("gate");
        var command = Regex.Replace(check.Run, @"\s+", " ").Trim();
        command.ShouldBe("dotnet run -c Release --project src/PerfGate.Cli -- check --results BenchmarkDotNet.Artifacts/results --baseline baselines --history .perfgate/history.db --markdown perfgate-report.md --json perfgate-verdict.json --github-comment");

        // The job that runs PR code has no write scope and keeps no credentials on disk.
        var checkout = wf.Steps.First(s => s.Job == "benchmarks" && s.Step.GetValueOrDefault("uses") is string u && u.StartsWith("actions/checkout@", StringComparison.Ordinal));
        ((string)WorkflowFile.Map(checkout.Step["with"])["persist-credentials"]).ShouldBe("false");

        wf.Uses.ShouldContain(u => u.Job == "gate" && u.Uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
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

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();
}
