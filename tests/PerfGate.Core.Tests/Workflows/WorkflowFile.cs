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

    public static WorkflowFile Load(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", fileName));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(text);
        return new WorkflowFile(fileName, root);
    }

    /// <summary>The <c>on:</c> triggers (YAML 1.1 would read a bare <c>on</c> as true; YamlDotNet keeps the string).</summary>
    public Dictionary<object, object> On => Map(Root["on"]);

    public Dictionary<object, object> Jobs => Map(Root["jobs"]);

    public IEnumerable<(string Job, Dictionary<object, object> Step)> Steps =>
        Jobs.SelectMany(j => List(Map(j.Value)["steps"]).Select(s => ((string)j.Key, Map(s))));

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
