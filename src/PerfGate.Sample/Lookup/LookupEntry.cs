using System.Collections.Immutable;

namespace PerfGate.Sample.Lookup;

/// <summary>One entry of the offline look-up data set (<c>Data/lookup.json</c>).</summary>
public sealed record LookupEntry(string Term, string Source, string Snippet, ImmutableArray<string> Synonyms, string Url);
