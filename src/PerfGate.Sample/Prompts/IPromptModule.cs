using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts;

/// <summary>One section of the prompt. Modules declare what they depend on; the orchestrator runs them in batches.</summary>
public interface IPromptModule
{
    /// <summary>Unique id, e.g. <c>arai_rules</c>.</summary>
    string Id { get; }

    /// <summary>Ids of the modules whose output this one reads.</summary>
    ImmutableArray<string> DependsOn { get; }

    /// <summary>Position of this module's section in the assembled prompt (ties broken by id).</summary>
    int Order { get; }

    /// <param name="dependencies">The outputs of exactly the modules in <see cref="DependsOn"/>.</param>
    ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies);
}
