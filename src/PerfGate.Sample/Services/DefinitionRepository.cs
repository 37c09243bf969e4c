using System.Collections.Concurrent;
using System.Collections.Immutable;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>In-memory store of definitions, seeded from the shipped sample data (eager: every screen needs it).</summary>
public sealed class DefinitionRepository
{
    private readonly ConcurrentDictionary<int, Definition> _definitions = new();
    private int _lastId;

    public DefinitionRepository(string definitionsFile)
    {
        foreach (var sample in SampleDefinitions.Load(definitionsFile))
        {
            _definitions[sample.Id] = new Definition(sample.Id, sample.Term, sample.Context, sample.Text);
            _lastId = Math.Max(_lastId, sample.Id);
        }
    }

    public int Count => _definitions.Count;

    public Definition Add(string term, string context, string text)
    {
        var definition = new Definition(Interlocked.Increment(ref _lastId), term, context, text);
        _definitions[definition.Id] = definition;
        return definition;
    }

    public Definition? Find(int id) => _definitions.GetValueOrDefault(id);

    public Definition Get(int id) => Find(id) ?? throw new KeyNotFoundException($"No definition with id {id}.");

    public void Update(Definition definition)
    {
        if (!_definitions.ContainsKey(definition.Id))
        {
            throw new KeyNotFoundException($"No definition with id {definition.Id}.");
        }

        _definitions[definition.Id] = definition;
    }

    public ImmutableArray<Definition> All() => [.. _definitions.Values.OrderBy(d => d.Id)];

    public ImmutableArray<Definition> FindByTerm(string term) =>
        [.. _definitions.Values.Where(d => string.Equals(d.Term, term, StringComparison.OrdinalIgnoreCase)).OrderBy(d => d.Id)];
}
