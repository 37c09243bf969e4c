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
        var job = (Dictionary<object, object>)((Dictionary<object, object>)root["jobs"])["perfgate"];
        var with = (Dictionary<object, object>)job["with"];

        // perf-gate.yml calls the reusable workflow, whose action runs `dotnet <built dll> <benchmark-args>` on each
        // side: this program's switches for "only measure", then the A/B job.
        ((string)with["benchmark-project"]).ShouldBe("benchmarks");
        ((string)with["benchmark-args"]).ShouldBe($"{RunOptions.NoGateSwitch} {RunOptions.NoRecordSwitch} {PerfGateJobs.AbArguments}");
    }

    /// <summary>The action's default job for adopters is the same A/B job (without this program's own switches).</summary>
    [Fact]
    public void The_action_and_the_reusable_workflow_default_to_PerfGateJobs_AbArguments()
    {
        var action = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(Root, "action.yml")));
        var actionArgs = (Dictionary<object, object>)((Dictionary<object, object>)action["inputs"])["benchmark-args"];
        ((string)actionArgs["default"]).ShouldBe(PerfGateJobs.AbArguments);

        var reusable = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(
            File.ReadAllText(Path.Combine(Root, ".github", "workflows", "perfgate-reusable.yml")));
        var call = (Dictionary<object, object>)((Dictionary<object, object>)reusable["on"])["workflow_call"];
        var args = (Dictionary<object, object>)((Dictionary<object, object>)call["inputs"])["benchmark-args"];
        ((string)args["default"]).ShouldBe(PerfGateJobs.AbArguments);
    }
}
