using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Validation;

/// <summary>One broken rule: which rule, how serious, and what was found.</summary>
public sealed record Violation(string RuleId, RuleSeverity Severity, double Weight, string Message);
