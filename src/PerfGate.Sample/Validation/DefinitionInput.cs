namespace PerfGate.Sample.Validation;

/// <summary>A definition text to validate, with the term it defines (used by term and circularity rules).</summary>
public sealed record DefinitionInput(string Term, string Text);
