using System.Collections.Immutable;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>
/// Finds near-duplicate definitions by the Jaccard similarity of word 3-shingles (Broder, 1997).
/// Lazy: only needed when saving. Construction shingles every stored definition.
/// </summary>
public sealed class DuplicateDetectionService
{
    private const int ShingleSize = 3;

    private readonly DefinitionRepository _repository;
    private readonly Dictionary<int, HashSet<int>> _shingles = [];
    private readonly Lock _lock = new();

    public DuplicateDetectionService(DefinitionRepository repository)
    {
        _repository = repository;
        foreach (var definition in repository.All())
        {
            _shingles[definition.Id] = Shingles(definition.Text);
        }
    }

    public ImmutableArray<DuplicateMatch> FindDuplicates(string text, double threshold = 0.5)
    {
        var candidate = Shingles(text);
        var matches = new List<DuplicateMatch>();
        foreach (var definition in _repository.All())
        {
            HashSet<int> stored;
            lock (_lock)
            {
                if (!_shingles.TryGetValue(definition.Id, out stored!))
                {
                    _shingles[definition.Id] = stored = Shingles(definition.Text);
                }
            }

            var similarity = Jaccard(candidate, stored);
            if (similarity >= threshold)
            {
                matches.Add(new DuplicateMatch(definition, similarity));
            }
        }

        return [.. matches.OrderByDescending(m => m.Similarity).ThenBy(m => m.Definition.Id)];
    }

    public static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var intersection = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    public static HashSet<int> Shingles(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '.', ';'], StringSplitOptions.RemoveEmptyEntries);
        var shingles = new HashSet<int>();
        for (var i = 0; i + ShingleSize <= Math.Max(words.Length, ShingleSize); i++)
        {
            var hash = new HashCode();
            for (var j = i; j < Math.Min(i + ShingleSize, words.Length); j++)
            {
                hash.Add(words[j], StringComparer.Ordinal);
            }

            shingles.Add(hash.ToHashCode());
        }

        return shingles;
    }
}
