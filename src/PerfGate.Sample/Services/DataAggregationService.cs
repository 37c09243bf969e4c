using System.Collections.Immutable;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>Aggregates validation figures over the repository (lazy: reports only).</summary>
public sealed class DataAggregationService
{
    private readonly DefinitionRepository _repository;
    private readonly ValidationOrchestrator _validation;

    public DataAggregationService(DefinitionRepository repository, ValidationOrchestrator validation)
    {
        _repository = repository;
        _validation = validation;
    }

    public AggregateReport Aggregate()
    {
        var definitions = _repository.All();
        var batch = _validation.ValidateBatch(definitions.Select(d => new DefinitionInput(d.Term, d.Text)));
        return new AggregateReport(
            definitions.Length,
            batch.AverageScore,
            batch.ValidCount,
            definitions.GroupBy(d => d.Status).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
            batch.Results.SelectMany(r => r.Violations).GroupBy(v => v.RuleId)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }
}
