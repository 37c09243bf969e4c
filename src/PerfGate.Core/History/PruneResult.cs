namespace PerfGate.Core.History;

/// <summary>What <c>history prune</c> did.</summary>
public sealed record PruneResult(int RunsAggregated, int AggregateRowsWritten, int AggregateRowsDeleted)
{
    public override string ToString() =>
        $"pruned: {RunsAggregated} run(s) older than the raw retention became {AggregateRowsWritten} daily aggregate row(s); {AggregateRowsDeleted} aggregate row(s) past their retention deleted; alerts kept";
}
