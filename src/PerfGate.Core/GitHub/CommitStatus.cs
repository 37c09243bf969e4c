namespace PerfGate.Core.GitHub;

public sealed record CommitStatus
{
    public long Id { get; init; }

    public string? State { get; init; }

    public string? Description { get; init; }

    public string? Context { get; init; }
}
