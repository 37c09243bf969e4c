using System.Reflection;
using YamlDotNet.Serialization;

namespace PerfGate.Benchmarks.Tests;

/// <summary>The PR workflow measures with the same A/B job as <c>--ab</c> locally: one constant, one YAML value.</summary>
public sealed class WorkflowSyncTests
{
    private static readonly string Root = typeof(WorkflowSyncTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PerfGateRepoRoot").Value!;

    [Fact]
    public void The_pr_workflow_runs_both_sides_with_PerfGateJobs_AbArguments()
    {
        var text = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "perf-gate.yml"));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(text);
        var job = (Dictionary<object, object>)((Dictionary<object, object>)root["jobs"])["benchmarks"];
        var env = (Dictionary<object, object>)job["env"];

        ((string)env["AB_JOB_ARGS"]).ShouldBe(PerfGateJobs.AbArguments);

        // ... and both commands use it, with this program's switches for "only measure".
        var runs = ((List<object>)job["steps"]).Cast<Dictionary<object, object>>().Select(s => s.GetValueOrDefault("run") as string ?? "");
        var ab = runs.Single(r => r.Contains("--base-command", StringComparison.Ordinal));
        foreach (var (side, dll) in new[] { ("base", "$BASE_DIR"), ("head", "$GITHUB_WORKSPACE") })
        {
            ab.ShouldContain(
                $"--{side}-command \"dotnet {dll}/benchmarks/{AbCommand.BuildOutput}/PerfGate.Benchmarks.dll {RunOptions.NoGateSwitch} {RunOptions.NoRecordSwitch} $AB_JOB_ARGS\"");
        }
    }
}
