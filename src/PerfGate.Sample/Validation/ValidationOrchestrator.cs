using System.Collections.Immutable;
using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Validation;

/// <summary>
/// Runs every rule of the configured rule directory against a definition (VAL-001). The rule set comes
/// from the <see cref="RuleCache"/> on every call, which is what makes the cache hit rate (VAL-003) meaningful.
/// </summary>
public sealed class ValidationOrchestrator
{
    private readonly RuleCache _cache;
    private readonly string _rulesDirectory;

    public ValidationOrchestrator(RuleCache cache, string rulesDirectory)
    {
        _cache = cache;
        _rulesDirectory = rulesDirectory;
    }

    public RuleSet Rules => _cache.Get(_rulesDirectory);

    public ValidationResult Validate(string definitionText, string term = "") =>
        Validate(new DefinitionInput(term, definitionText), Rules);

    public ValidationResult Validate(DefinitionInput input) => Validate(input, Rules);

    public BatchValidationResult ValidateBatch(IEnumerable<DefinitionInput> inputs)
    {
        var rules = Rules;
        return new BatchValidationResult([.. inputs.Select(i => Validate(i, rules))]);
    }

    private static ValidationResult Validate(DefinitionInput input, RuleSet rules)
    {
        var stats = TextStatistics.Of(input.Text);
        var violations = ImmutableArray.CreateBuilder<Violation>();
        var violatedWeight = 0.0;
        foreach (var rule in rules.Rules)
        {
            var failure = RuleEvaluator.FirstFailure(rule, input, stats);
            if (failure is not null)
            {
                violations.Add(new Violation(rule.Id, rule.Severity, rule.Weight, $"{rule.Id} {rule.Name}: {failure}"));
                violatedWeight += rule.Weight;
            }
        }

        var score = rules.TotalWeight == 0 ? 1 : Math.Clamp(1 - (violatedWeight / rules.TotalWeight), 0, 1);
        return new ValidationResult(input.Text, score, violations.ToImmutable(), rules.Count);
    }
}
