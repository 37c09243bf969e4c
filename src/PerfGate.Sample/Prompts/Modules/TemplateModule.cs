namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Gives the sentence template that fits the category found by semantic categorisation.</summary>
public sealed class TemplateModule() : PromptModuleBase(ModuleIds.Template, 40, ModuleIds.SemanticCategorisation)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var category = dependencies[ModuleIds.SemanticCategorisation].Facts[ModuleIds.CategoryFact];
        var template = category switch
        {
            "process" => "<activity noun> by <actor> in which <what is done> <to or with what>",
            "result" => "<kind of result> of <activity> by <actor> that <distinguishing characteristic>",
            "actor" => "<kind of person or body> that <role or act that distinguishes it>",
            _ => "<broader type> that <distinguishing characteristic> <further restriction>",
        };
        return ModuleOutput.Of(Id,
            $"### Template\nWrite the definition of '{context.Term}' following this pattern: {template}. " +
            "Fill every placeholder with concrete words from the domain; leave out placeholders that add nothing.");
    }
}
