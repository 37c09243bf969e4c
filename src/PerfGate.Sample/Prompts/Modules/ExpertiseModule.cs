namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Sets the role: a terminologist for Dutch public-sector legal language.</summary>
public sealed class ExpertiseModule() : PromptModuleBase(ModuleIds.Expertise, 10)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies) =>
        ModuleOutput.Of(Id,
            "### Role\n" +
            "You are an expert terminologist who writes definitions for a Dutch government organisation. " +
            "Your definitions are used in legislation, policy documents and information systems, so they must be precise, " +
            "testable and free of ambiguity. You follow the organisation's definition guidelines (the 'toetsregels') strictly " +
            $"and you write for readers who know the domain '{context.OrganisationContext}' but not the term '{context.Term}'.");
}
