namespace PerfGate.Core.GitHub;

/// <summary>The fields of an issue (or PR) comment that PerfGate reads.</summary>
public sealed record IssueComment
{
    public long Id { get; init; }

    public string? Body { get; init; }

    public GitHubUser? User { get; init; }

    public string? HtmlUrl { get; init; }
}
