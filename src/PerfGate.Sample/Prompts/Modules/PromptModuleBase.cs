using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>The id, order and dependencies every module declares; subclasses write their section.</summary>
public abstract class PromptModuleBase : IPromptModule
{
    protected PromptModuleBase(string id, int order, params string[] dependsOn)
    {
        Id = id;
        Order = order;
        DependsOn = [.. dependsOn];
    }

    public string Id { get; }

    public int Order { get; }

    public ImmutableArray<string> DependsOn { get; }

    public abstract ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies);
}
