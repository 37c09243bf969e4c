using System.Collections.Immutable;
using System.Text.Json;
using PerfGate.Sample.Lookup;

namespace PerfGate.Sample.Services;

/// <summary>
/// Offline stand-in for the web look-up: searches a local data set (<c>Data/lookup.json</c>) through an
/// inverted index over terms, synonyms and snippets, built once at construction.
/// </summary>
public sealed class WebLookupService
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
    private static readonly char[] Separators = [' ', ',', '.', ';', ':', '-', '\'', '(', ')'];

    private readonly ImmutableArray<LookupEntry> _entries;
    private readonly Dictionary<string, List<int>> _index = new(StringComparer.OrdinalIgnoreCase);

    public WebLookupService(string lookupFile)
    {
        using var stream = File.OpenRead(lookupFile);
        _entries = (JsonSerializer.Deserialize<LookupFile>(stream, Options) ?? throw new InvalidDataException($"'{lookupFile}' is empty.")).Entries;
        for (var i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i];
            var words = Tokens(entry.Term).Concat(entry.Synonyms.SelectMany(Tokens)).Concat(Tokens(entry.Snippet));
            foreach (var word in words.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_index.TryGetValue(word, out var postings))
                {
                    _index[word] = postings = [];
                }

                postings.Add(i);
            }
        }
    }

    public int EntryCount => _entries.Length;

    /// <summary>Entries ranked by relevance: exact term or synonym first, then by share of query words found.</summary>
    public ImmutableArray<LookupResult> Lookup(string query, int maxResults = 5)
    {
        var queryWords = Tokens(query).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (queryWords.Count == 0)
        {
            return [];
        }

        var scores = new Dictionary<int, int>();
        foreach (var word in queryWords)
        {
            if (_index.TryGetValue(word, out var postings))
            {
                foreach (var i in postings)
                {
                    scores[i] = scores.GetValueOrDefault(i) + 1;
                }
            }
        }

        return [.. scores
            .Select(p => new LookupResult(_entries[p.Key], IsExact(_entries[p.Key], query), (double)p.Value / queryWords.Count))
            .OrderByDescending(r => r.IsExactMatch)
            .ThenByDescending(r => r.Relevance)
            .ThenBy(r => r.Entry.Term, StringComparer.Ordinal)
            .Take(maxResults)];
    }

    private static bool IsExact(LookupEntry entry, string query) =>
        string.Equals(entry.Term, query.Trim(), StringComparison.OrdinalIgnoreCase)
        || entry.Synonyms.Any(s => string.Equals(s, query.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Tokens(string text) =>
        text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w.Length > 2);

    private sealed record LookupFile(ImmutableArray<LookupEntry> Entries);
}
