using System.Collections.Immutable;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>Figures over the whole repository, for the reports tab.</summary>
public sealed record AggregateReport(
    int Definitions,
    double AverageScore,
    int ValidDefinitions,
    ImmutableSortedDictionary<DefinitionStatus, int> ByStatus,
    ImmutableSortedDictionary<string, int> ViolationsByRule);
