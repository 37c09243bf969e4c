using PerfGate.Sample.Rules;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>Decides whether a validated definition may be established (lazy: validate + save only).</summary>
public sealed class GatePolicyService
{
    private readonly double _saveThreshold;

    public GatePolicyService(double saveThreshold) => _saveThreshold = saveThreshold;

    public GateDecision MayEstablish(ValidationResult validation)
    {
        var blocking = validation.Violations.FirstOrDefault(v => v.Severity == RuleSeverity.Critical);
        if (blocking is not null)
        {
            return new GateDecision(false, $"critical rule {blocking.RuleId} is violated");
        }

        return validation.Score < _saveThreshold
            ? new GateDecision(false, FormattableString.Invariant($"score {validation.Score:0.000} is below {_saveThreshold:0.000}"))
            : new GateDecision(true, "passes the gate");
    }
}
