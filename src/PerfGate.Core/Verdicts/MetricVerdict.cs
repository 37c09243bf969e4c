using System.Collections.Immutable;

namespace PerfGate.Core.Verdicts;

/// <summary>The gate's conclusion about one run-level metric (a custom metric that names no benchmark, e.g. SVC-001).</summary>
public sealed record MetricVerdict
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Unit { get; init; }

    public bool BiggerIsBetter { get; init; }

    public double? Baseline { get; init; }

    public double? Current { get; init; }

    public double? ChangePercent { get; init; }

    public double? Target { get; init; }

    public Severity Severity { get; init; }

    public bool Fails { get; init; }

    public ImmutableArray<Finding> Findings { get; init; } = [];
}
