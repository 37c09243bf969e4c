using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>
/// Guesses the ontological category of the term (process, result, actor or type) from its form and
/// publishes it as a fact for the template and task modules (rule ESS-02).
/// </summary>
public sealed class SemanticCategorisationModule() : PromptModuleBase(ModuleIds.SemanticCategorisation, 30)
{
    private static readonly (string Suffix, string Category)[] Suffixes =
    [
        ("holder", "actor"), ("party", "actor"), ("person", "actor"), ("servant", "actor"), ("authority", "actor"),
        ("tion", "process"), ("sion", "process"), ("ment", "process"), ("ing", "process"), ("al", "process"),
        ("permit", "result"), ("decision", "result"), ("document", "result"), ("plan", "result"), ("order", "result"),
        ("er", "actor"), ("or", "actor"), ("ant", "actor"), ("ent", "actor"),
    ];

    public static string Categorise(string term)
    {
        var lower = term.Trim().ToLowerInvariant();
        foreach (var (suffix, category) in Suffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return category;
            }
        }

        return "type";
    }

    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var category = Categorise(context.Term);
        var guidance = category switch
        {
            "process" => "The term names an activity or process: start the definition with a noun for an activity and say who does what.",
            "result" => "The term names the result of an activity: start with the kind of result and name the activity that produces it.",
            "actor" => "The term names a party or role: start with the kind of person or body and state the role that distinguishes it.",
            _ => "The term names a type of thing: start with the nearest broader type and state the characteristics that set it apart.",
        };
        var text = $"### Semantic category\nCategory of '{context.Term}': {category}. {guidance} Choose exactly one category (ESS-02).";
        return new ModuleOutput(Id, text, ImmutableDictionary<string, string>.Empty.Add(ModuleIds.CategoryFact, category));
    }
}
