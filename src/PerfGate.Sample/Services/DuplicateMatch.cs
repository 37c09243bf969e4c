using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>A stored definition similar to a candidate, with its Jaccard similarity (0..1).</summary>
public sealed record DuplicateMatch(Definition Definition, double Similarity);
