namespace PerfGate.Core.History;

/// <summary>What one retention pass did. Cut-offs are UTC midnights so a day is always aggregated whole.</summary>
public sealed record PruneResult(
    DateTimeOffset RawCutoff,
    DateTimeOffset AggregateCutoff,
    int RunsDeleted,
    int ResultsDeleted,
    int AggregatesWritten,
    int AggregatesDeleted);
