namespace PerfGate.Sample.Prompts.Modules;

/// <summary>The ids of the sixteen standard modules, as the original application names them.</summary>
public static class ModuleIds
{
    public const string Expertise = "expertise";
    public const string ContextAwareness = "context_awareness";
    public const string SemanticCategorisation = "semantic_categorisation";
    public const string Template = "template";
    public const string DefinitionTask = "definition_task";
    public const string Grammar = "grammar";
    public const string AraiRules = "arai_rules";
    public const string ConRules = "con_rules";
    public const string EssRules = "ess_rules";
    public const string SamRules = "sam_rules";
    public const string VerRules = "ver_rules";
    public const string StructureRules = "structure_rules";
    public const string IntegrityRules = "integrity_rules";
    public const string ErrorPrevention = "error_prevention";
    public const string Metrics = "metrics";
    public const string OutputSpecification = "output_specification";

    /// <summary>The fact key under which semantic categorisation publishes the ontological category.</summary>
    public const string CategoryFact = "category";
}
