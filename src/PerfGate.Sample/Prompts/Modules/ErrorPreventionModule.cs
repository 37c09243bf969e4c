using System.Text;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Lists the concrete words and openings the rules forbid, so the model avoids them up front.</summary>
public sealed class ErrorPreventionModule() : PromptModuleBase(ModuleIds.ErrorPrevention, 200, ModuleIds.ContextAwareness)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var words = context.Rules.Rules.SelectMany(r => r.Check.ForbiddenWords).Distinct(StringComparer.OrdinalIgnoreCase);
        var starts = context.Rules.Rules.SelectMany(r => r.Check.ForbiddenStarts).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder("### Avoid\n")
            .Append("Never start with: ").AppendJoin(", ", starts).Append(".\n")
            .Append("Never use: ").AppendJoin(", ", words).Append(".\n")
            .Append("Do not mention '").Append(context.OrganisationContext).Append("' or the term '").Append(context.Term).Append("' itself.");
        return ModuleOutput.Of(Id, text.ToString());
    }
}
