namespace PerfGate.Core.GitHub;

public sealed record PublisherOptions
{
    public static readonly PublisherOptions Default = new();

    /// <summary>
    /// Whose comment to update when several carry the marker: the account the token acts as. For <c>GITHUB_TOKEN</c>
    /// that is <c>github-actions[bot]</c> (its <c>GET /user</c> is forbidden, so it cannot be asked).
    /// </summary>
    public string AuthorLogin { get; init; } = "github-actions[bot]";

    /// <summary>GitHub rejects longer comment bodies.</summary>
    public int MaxBodyLength { get; init; } = Rendering.MarkdownOptions.GitHubCommentLimit;
}
