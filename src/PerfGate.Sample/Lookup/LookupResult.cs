namespace PerfGate.Sample.Lookup;

/// <summary>A look-up hit with its relevance (share of query tokens found, 1 for an exact term match).</summary>
public sealed record LookupResult(LookupEntry Entry, double Relevance);
