using PerfGate.Core.Tests.TestSupport;
using YamlDotNet.Serialization;

namespace PerfGate.Core.Tests.Workflows;

/// <summary>A workflow file parsed with YamlDotNet into plain dictionaries, lists and strings, with small accessors.</summary>
internal sealed class WorkflowFile
{
    private WorkflowFile(string name, Dictionary<object, object> root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public Dictionary<object, object> Root { get; }

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, ".github", "workflows"), "*.yml").Select(Path.GetFileName).Order()!;

    public static WorkflowFile Load(string fileName) =>
        Parse(fileName, File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", fileName)));

    /// <summary>The composite action at the repository root (action.yml): its steps are under <c>runs.steps</c>.</summary>
    public static WorkflowFile LoadAction() => Parse("action.yml", File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml")));

    public static WorkflowFile Parse(string name, string text) =>
        new(name, new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(text));

    /// <summary>The raw text of a workflow file, for what YAML parsing drops (comments after a pinned SHA).</summary>
    public static string Text(string fileName) => File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", fileName));

    /// <summary>The <c>on:</c> triggers (YAML 1.1 would read a bare <c>on</c> as true; YamlDotNet keeps the string).</summary>
    public Dictionary<object, object> On => Map(Root["on"]);

    public Dictionary<object, object> Jobs => Map(Root["jobs"]);

    /// <summary>Every step, by job; a job that calls a reusable workflow (<c>uses:</c> at job level) has none. An action's steps belong to the job "runs".</summary>
    public IEnumerable<(string Job, Dictionary<object, object> Step)> Steps =>
        Root.ContainsKey("runs")
            ? List(Map(Root["runs"])["steps"]).Select(s => ("runs", Map(s)))
            : Jobs.Where(j => Map(j.Value).ContainsKey("steps")).SelectMany(j => List(Map(j.Value)["steps"]).Select(s => ((string)j.Key, Map(s))));

    /// <summary>Jobs that call a reusable workflow: job name, the <c>uses:</c> target and its <c>with:</c>.</summary>
    public IEnumerable<(string Job, string Uses, Dictionary<object, object> With)> Calls =>
        Jobs.Where(j => Map(j.Value).ContainsKey("uses"))
            .Select(j => ((string)j.Key, (string)Map(j.Value)["uses"], Map(j.Value).GetValueOrDefault("with") is Dictionary<object, object> w ? w : []));

    /// <summary>The declared inputs: <c>on.workflow_call.inputs</c> of a workflow, or <c>inputs</c> of an action.</summary>
    public Dictionary<object, object> Inputs =>
        Root.ContainsKey("runs") ? Map(Root["inputs"]) : Map(Map(On["workflow_call"])["inputs"]);

    public IEnumerable<(string Job, string Run)> Runs =>
        Steps.Where(s => s.Step.ContainsKey("run")).Select(s => (s.Job, (string)s.Step["run"]));

    public IEnumerable<(string Job, string Uses)> Uses =>
        Steps.Where(s => s.Step.ContainsKey("uses")).Select(s => (s.Job, (string)s.Step["uses"]));

    public static Dictionary<string, string> Permissions(object? node) =>
        node switch
        {
            Dictionary<object, object> map => map.ToDictionary(p => (string)p.Key, p => (string)p.Value),
            string s => new Dictionary<string, string> { ["*"] = s },
            _ => [],
        };

    public static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    public static List<object> List(object node) => (List<object>)node;
}
