using System.Collections.Immutable;

namespace PerfGate.Sample.Rules;

/// <summary>The shape of one rule data file (<c>Rules/Data/ARAI-01.json</c> and friends).</summary>
internal sealed record RuleDocument
{
    public string? Id { get; init; }
    public string? Category { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Severity { get; init; }
    public double Weight { get; init; } = 1.0;
    public RuleCheck? Check { get; init; }
    public ImmutableArray<string> GoodExamples { get; init; } = [];
    public ImmutableArray<string> BadExamples { get; init; } = [];
}
