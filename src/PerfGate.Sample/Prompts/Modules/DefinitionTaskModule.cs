namespace PerfGate.Sample.Prompts.Modules;

/// <summary>States the actual task, combining the term, its category and its context.</summary>
public sealed class DefinitionTaskModule()
    : PromptModuleBase(ModuleIds.DefinitionTask, 50, ModuleIds.Template, ModuleIds.SemanticCategorisation, ModuleIds.ContextAwareness)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var category = dependencies[ModuleIds.SemanticCategorisation].Facts[ModuleIds.CategoryFact];
        return ModuleOutput.Of(Id,
            $"### Task\nDefine the term '{context.Term}' ({category}) as it is used in '{context.OrganisationContext}'. " +
            $"Check the definition against all {context.Rules.Count} rules below before you answer. " +
            "When a rule cannot be met, prefer the rule with the higher severity and mention the conflict in your note.");
    }
}
