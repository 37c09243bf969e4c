namespace PerfGate.Sample.Lookup;

/// <summary>A look-up hit: whether the query is the entry's term or a synonym, and the share of query words found (0..1).</summary>
public sealed record LookupResult(LookupEntry Entry, bool IsExactMatch, double Relevance);
