using System.Globalization;

namespace PerfGate.Sample.Prompts.Modules;

/// <summary>Quantitative targets derived from the length rules.</summary>
public sealed class MetricsModule() : PromptModuleBase(ModuleIds.Metrics, 210)
{
    public override ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies)
    {
        var checks = context.Rules.Rules.Select(r => r.Check).ToList();
        var minWords = checks.Max(c => c.MinWords ?? 0);
        var maxWords = checks.Where(c => c.MaxWords is not null).Select(c => c.MaxWords!.Value).DefaultIfEmpty(int.MaxValue).Min();
        var maxLength = checks.Where(c => c.MaxLength is not null).Select(c => c.MaxLength!.Value).DefaultIfEmpty(int.MaxValue).Min();
        return ModuleOutput.Of(Id, string.Format(CultureInfo.InvariantCulture,
            "### Measures\nLength: {0} to {1} words and at most {2} characters. Aim for 15 to 30 words. Readability: one clause per characteristic.",
            minWords, maxWords, maxLength));
    }
}
