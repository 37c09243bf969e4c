using System.Text.RegularExpressions;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.Workflows;

/// <summary>
/// The pieces an adopter uses stay consistent: the composite action (action.yml), the reusable workflow, this
/// repository's callers, and the adopter workflow shown in docs/adopting.md. An input renamed in one place and not in
/// the others fails here, not in someone's CI.
/// </summary>
public sealed partial class AdoptionTests
{
    private const string Reusable = "perfgate-reusable.yml";

    [Fact]
    public void The_action_references_only_inputs_it_declares()
    {
        var action = WorkflowFile.LoadAction();
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"));
        var referenced = InputReferences(text);
        referenced.ShouldNotBeEmpty();
        referenced.ShouldBeSubsetOf(action.Inputs.Keys.Cast<string>());
        ((string)WorkflowFile.Map(action.Root["runs"])["using"]).ShouldBe("composite");
    }

    [Fact]
    public void The_reusable_workflow_references_only_inputs_it_declares_and_passes_the_action_only_its_inputs()
    {
        var wf = WorkflowFile.Load(Reusable);
        InputReferences(WorkflowFile.Text(Reusable)).ShouldBeSubsetOf(wf.Inputs.Keys.Cast<string>());

        var actionInputs = WorkflowFile.LoadAction().Inputs.Keys.Cast<string>().ToList();
        var calls = wf.Steps.Where(s => s.Step.GetValueOrDefault("uses") as string == "./.perfgate-action").ToList();
        calls.Count.ShouldBe(2, "measure in the benchmarks job, judge in the gate job");
        foreach (var (job, step) in calls)
        {
            WorkflowFile.Map(step["with"]).Keys.Cast<string>().ShouldBeSubsetOf(actionInputs, $"{job}: inputs the action does not declare");
        }

        // Every input the reusable workflow takes reaches something: the action, a checkout, a job setting.
        var text = WorkflowFile.Text(Reusable);
        foreach (var input in wf.Inputs.Keys.Cast<string>())
        {
            text.ShouldContain($"inputs.{input}", customMessage: $"the input '{input}' is declared but never used");
        }
    }

    [Theory]
    [InlineData("perf-gate.yml")]
    [InlineData("perf-gate-comment.yml")]
    public void This_repository_calls_the_reusable_workflow_with_declared_inputs_and_every_required_one(string file)
    {
        var (_, uses, with) = WorkflowFile.Load(file).Calls.ShouldHaveSingleItem();
        uses.ShouldBe("./.github/workflows/" + Reusable);
        CheckCall(with, file);
    }

    /// <summary>The adopter workflow in docs/adopting.md: at most 15 lines, valid YAML, and only inputs the reusable workflow declares.</summary>
    [Fact]
    public void The_adopter_example_parses_fits_in_15_lines_and_uses_only_declared_inputs()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "adopting.md"));
        var example = YamlBlocks(doc).First(b => b.Contains("perfgate-reusable.yml@", StringComparison.Ordinal));
        var lines = example.TrimEnd().Split('\n');
        lines.Length.ShouldBeLessThanOrEqualTo(15, example);

        var wf = WorkflowFile.Parse("adopting.md", example);
        wf.On.Keys.ShouldContain("pull_request");
        var (job, uses, with) = wf.Calls.ShouldHaveSingleItem();
        AdopterUses().IsMatch(uses).ShouldBeTrue($"{uses}: owner/repo/.github/workflows/{Reusable}@ref");
        CheckCall(with, "docs/adopting.md");

        // GitHub refuses a caller that grants less than any job of the called workflow asks for.
        var granted = WorkflowFile.Permissions(WorkflowFile.Map(wf.Jobs[job]).GetValueOrDefault("permissions") ?? wf.Root.GetValueOrDefault("permissions"));
        var reusable = WorkflowFile.Load(Reusable);
        foreach (var (name, node) in reusable.Jobs)
        {
            foreach (var (scope, level) in WorkflowFile.Permissions(WorkflowFile.Map(node)["permissions"]))
            {
                var grant = granted.GetValueOrDefault(scope, "none");
                (grant == level || grant == "write").ShouldBeTrue($"the adopter example grants {scope}: {grant}; job '{name}' asks for {level}");
            }
        }

        // The fork comment workflow shown beside it calls the same workflow on workflow_run.
        var fork = WorkflowFile.Parse("fork", YamlBlocks(doc).Single(b => b.Contains("workflow_run:", StringComparison.Ordinal)));
        fork.On.Keys.ShouldBe(["workflow_run"]);
        var (_, forkUses, forkWith) = fork.Calls.ShouldHaveSingleItem();
        AdopterUses().IsMatch(forkUses).ShouldBeTrue(forkUses);
        CheckCall(forkWith, "docs/adopting.md (fork comment)");
    }

    /// <summary>The callers of the reusable workflow in this repository grant what each of its jobs asks for.</summary>
    [Theory]
    [InlineData("perf-gate.yml")]
    [InlineData("perf-gate-comment.yml")]
    public void Callers_grant_what_the_reusable_jobs_ask_for(string file)
    {
        var caller = WorkflowFile.Load(file);
        var granted = WorkflowFile.Permissions(WorkflowFile.Map(caller.Jobs["perfgate"])["permissions"]);
        foreach (var (name, node) in WorkflowFile.Load(Reusable).Jobs)
        {
            foreach (var (scope, level) in WorkflowFile.Permissions(WorkflowFile.Map(node)["permissions"]))
            {
                var grant = granted.GetValueOrDefault(scope, "none");
                (grant == level || grant == "write").ShouldBeTrue($"{file} grants {scope}: {grant}; job '{name}' asks for {level}");
            }
        }
    }

    [Fact]
    public void The_action_installs_the_tool_packed_from_its_own_checkout_and_from_that_folder_only()
    {
        var action = WorkflowFile.LoadAction();
        var install = action.Steps.Select(s => s.Step).Single(s => (s.GetValueOrDefault("run") as string ?? "").Contains("dotnet tool install", StringComparison.Ordinal));
        ((string)WorkflowFile.Map(install["env"])["PERFGATE_HOME"]).ShouldBe("${{ github.action_path }}");
        var run = (string)install["run"];
        run.ShouldContain("dotnet pack \"$PERFGATE_HOME/src/PerfGate.Cli\" -c Release -o \"$feed\"");
        run.ShouldContain("<clear />", customMessage: "no other package source can serve a PerfGate.Cli");
        run.ShouldContain("NUGET_PACKAGES=\"$RUNNER_TEMP/perfgate-packages\"", customMessage: "never a stale PerfGate.Cli of the same version from the NuGet cache");
        run.ShouldContain("dotnet tool install PerfGate.Cli --tool-path \"$tools\" --version \"$version\" --configfile \"$feed/nuget.config\"");

        // measure runs ab into the rounds folder; judge runs check --ab on it, writing the comment-sized report.
        var runs = string.Join("\n", action.Runs.Select(r => r.Run));
        runs.ShouldContain("\"$PERFGATE\" ab \\");
        runs.ShouldContain("args=(check --ab \"$AB_DIR\" --markdown perfgate-report.md --comment-markdown perfgate-comment.md --json perfgate-verdict.json)");
        runs.ShouldContain("if [ \"$status\" -gt 1 ]; then exit \"$status\"; fi");
        runs.ShouldContain("args+=(--github-status --context \"$STATUS_CONTEXT\")");
        runs.ShouldContain("args+=(--accept-label \"$ACCEPT_LABEL\")");
    }

    private static void CheckCall(Dictionary<object, object> with, string where)
    {
        var inputs = WorkflowFile.Load(Reusable).Inputs;
        var passed = with.Keys.Cast<string>().ToList();
        passed.ShouldBeSubsetOf(inputs.Keys.Cast<string>(), $"{where} passes inputs the reusable workflow does not declare");
        foreach (var (name, node) in inputs)
        {
            if (WorkflowFile.Map(node).GetValueOrDefault("required") is "true")
            {
                passed.ShouldContain((string)name, $"{where} must pass the required input '{name}'");
            }
        }
    }

    private static List<string> InputReferences(string text) =>
        InputReference().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static IEnumerable<string> YamlBlocks(string markdown) =>
        YamlBlock().Matches(markdown).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\binputs\.([\w-]+)")]
    private static partial Regex InputReference();

    [GeneratedRegex(@"```ya?ml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^[\w.<>-]+/[\w.<>-]+/\.github/workflows/perfgate-reusable\.yml@[\w.<>-]+$")]
    private static partial Regex AdopterUses();
}
