namespace PerfGate.Sample.Definitions;

/// <summary>A stored definition of a legal term.</summary>
public sealed record Definition(int Id, string Term, string Context, string Text, DefinitionStatus Status = DefinitionStatus.Draft);
