namespace PerfGate.Sample.Rules;

/// <summary>How serious a violation of a rule is; ordered from mild to blocking.</summary>
public enum RuleSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
