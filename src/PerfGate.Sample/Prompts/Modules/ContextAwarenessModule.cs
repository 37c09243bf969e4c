using System.Text;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Describes the organisational and legal context the definition must fit without naming it.</summary>
public sealed class ContextAwarenessModule() : PromptModuleBase(ModuleIds.ContextAwareness, 20)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var text = new StringBuilder("### Context\n")
            .Append("Organisational context: ").Append(context.OrganisationContext).Append('\n');
        if (context.LegalContext.Length > 0)
        {
            text.Append("Legal context: ").Append(context.LegalContext).Append('\n');
        }

        text.Append("Use the context to choose the right meaning of the term, but do not mention the context literally in the definition. ")
            .Append("If the term has a different meaning elsewhere, define only the meaning that applies in this context.");
        return ModuleOutput.Of(Id, text.ToString());
    }
}
