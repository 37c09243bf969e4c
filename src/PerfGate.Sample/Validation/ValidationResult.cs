using System.Collections.Immutable;

namespace PerfGate.Sample.Validation;

/// <summary>
/// The outcome of validating one definition. <see cref="Score"/> is 1 minus the weighted share of
/// violated rules, so 1 means every rule passed and 0 means every rule failed.
/// </summary>
public sealed record ValidationResult(string DefinitionText, double Score, ImmutableArray<Violation> Violations, int RulesChecked)
{
    public bool IsValid => Violations.IsEmpty;

    public IEnumerable<string> ViolatedRuleIds => Violations.Select(v => v.RuleId);
}
