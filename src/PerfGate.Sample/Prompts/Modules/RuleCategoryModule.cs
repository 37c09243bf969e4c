using System.Globalization;
using System.Text;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Lists the rules of one category with their weight and examples (the seven *_rules modules).</summary>
public sealed class RuleCategoryModule(string id, int order, string category, string title) : PromptModuleBase(id, order)
{
    public string Category { get; } = category;

    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var text = new StringBuilder("### ").Append(title).Append(" (").Append(Category).Append(")\n");
        foreach (var rule in context.Rules.InCategory(Category))
        {
            text.Append("- ").Append(rule.Id).Append(' ').Append(rule.Name)
                .Append(" [").Append(rule.Severity.ToString().ToLowerInvariant()).Append(", weight ")
                .Append(rule.Weight.ToString("0.0", CultureInfo.InvariantCulture)).Append("]: ")
                .Append(rule.Description);
            foreach (var good in rule.GoodExamples)
            {
                text.Append(" Good: \"").Append(good).Append("\".");
            }

            foreach (var bad in rule.BadExamples)
            {
                text.Append(" Wrong: \"").Append(bad).Append("\".");
            }

            text.Append('\n');
        }

        return ModuleOutput.Of(Id, text.ToString().TrimEnd());
    }
}
