using System.Collections.Immutable;

namespace PerfGate.Sample.Rules;

/// <summary>One validation rule ("toetsregel") with its check compiled once.</summary>
public sealed record Rule(
    string Id,
    string Category,
    string Name,
    string Description,
    RuleSeverity Severity,
    double Weight,
    RuleCheck Check,
    ImmutableArray<string> GoodExamples,
    ImmutableArray<string> BadExamples)
{
    // Built once per loaded rule, never per validation: regex construction is the expensive part.
    internal CompiledCheck Compiled { get; } = CompiledCheck.From(Check);
}
