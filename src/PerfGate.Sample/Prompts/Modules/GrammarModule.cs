namespace PerfGate.Sample.Prompts.Modules;

/// <summary>General grammar and style requirements.</summary>
public sealed class GrammarModule() : PromptModuleBase(ModuleIds.Grammar, 60)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies) =>
        ModuleOutput.Of(Id,
            "### Grammar\n" +
            "- Write one sentence in the present tense and the active voice where possible.\n" +
            "- Start with a lower-case noun; use no article at the start and no full stop at the end.\n" +
            "- Use the singular, avoid pronouns, and prefer concrete verbs over nominalisations.\n" +
            "- Use plain words; write abbreviations out in full.");
}
