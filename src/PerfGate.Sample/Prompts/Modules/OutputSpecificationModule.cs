namespace PerfGate.Sample.Prompts.Modules;

/// <summary>The answer format the application parses.</summary>
public sealed class OutputSpecificationModule() : PromptModuleBase(ModuleIds.OutputSpecification, 300)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies) =>
        ModuleOutput.Of(Id,
            "### Output\nAnswer with exactly three lines:\n" +
            "Definition: <the definition, one sentence, no full stop>\n" +
            "Note: <optional explanation, examples or conflicts between rules>\n" +
            "Sources: <the sources you relied on, or 'none'>");
}
