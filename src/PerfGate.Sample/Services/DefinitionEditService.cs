using System.Collections.Concurrent;
using System.Collections.Immutable;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>Edits stored definitions, re-validates them and keeps every earlier text as a version (lazy: edit tab only).</summary>
public sealed class DefinitionEditService
{
    private readonly DefinitionRepository _repository;
    private readonly ValidationOrchestrator _validation;
    private readonly ConcurrentDictionary<int, ImmutableList<string>> _history = new();

    public DefinitionEditService(DefinitionRepository repository, ValidationOrchestrator validation)
    {
        _repository = repository;
        _validation = validation;
    }

    public EditOutcome Edit(int id, string newText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newText);
        var current = _repository.Get(id);
        var history = _history.AddOrUpdate(id, _ => [current.Text], (_, list) => list.Add(current.Text));
        var updated = current with { Text = newText.Trim() };
        _repository.Update(updated);
        return new EditOutcome(updated, _validation.Validate(updated.Text, updated.Term), history.Count + 1);
    }

    public ImmutableList<string> History(int id) => _history.GetValueOrDefault(id, []);
}
