using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>The sixteen modules of the original application, in their declared dependency structure.</summary>
public static class StandardModules
{
    public static ImmutableArray<IPromptModule> Create() =>
    [
        new ExpertiseModule(),
        new ContextAwarenessModule(),
        new SemanticCategorisationModule(),
        new TemplateModule(),
        new DefinitionTaskModule(),
        new GrammarModule(),
        new RuleCategoryModule(ModuleIds.AraiRules, 100, "ARAI", "General rules"),
        new RuleCategoryModule(ModuleIds.ConRules, 110, "CON", "Context rules"),
        new RuleCategoryModule(ModuleIds.EssRules, 120, "ESS", "Essence rules"),
        new RuleCategoryModule(ModuleIds.IntegrityRules, 130, "INT", "Integrity rules"),
        new RuleCategoryModule(ModuleIds.SamRules, 140, "SAM", "Coherence rules"),
        new RuleCategoryModule(ModuleIds.StructureRules, 150, "STR", "Structure rules"),
        new RuleCategoryModule(ModuleIds.VerRules, 160, "VER", "Form rules"),
        new ErrorPreventionModule(),
        new MetricsModule(),
        new OutputSpecificationModule(),
    ];
}
