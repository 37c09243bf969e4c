namespace PerfGate.Core.GitHub;

public sealed record PublisherOptions
{
    /// <summary>The account <c>GITHUB_TOKEN</c> comments as.</summary>
    public const string GitHubActionsBot = "github-actions[bot]";

    public static readonly PublisherOptions Default = new();

    /// <summary>
    /// Whose comments are ours when the token cannot say (<c>GET /user</c> is forbidden for <c>GITHUB_TOKEN</c> and other
    /// installation tokens): <c>github-actions[bot]</c>, or a GitHub App's <c>name[bot]</c> (<c>--github-bot-login</c>).
    /// When <c>GET /user</c> answers, its login is used instead.
    /// </summary>
    public string FallbackAuthorLogin { get; init; } = GitHubActionsBot;

    /// <summary>GitHub rejects longer comment bodies.</summary>
    public int MaxBodyLength { get; init; } = Rendering.MarkdownOptions.GitHubCommentLimit;

    /// <summary>Creations tried in all; between two, the comments are listed again in case the first one landed.</summary>
    public int MaxCreateAttempts { get; init; } = 3;
}
