using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Prompts;

/// <summary>What a prompt is built for: the term, its organisational context and the rules to respect.</summary>
public sealed record PromptContext(string Term, string OrganisationContext, RuleSet Rules, string LegalContext = "")
{
    /// <summary>Identifies the prompt this context produces; the rule set counts by content, not by instance.</summary>
    public string CacheKey => string.Join('\u001f', Term, OrganisationContext, LegalContext, Rules.Fingerprint);
}
