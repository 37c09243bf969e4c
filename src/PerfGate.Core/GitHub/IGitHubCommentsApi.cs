namespace PerfGate.Core.GitHub;

/// <summary>The comment operations <see cref="PullRequestCommentPublisher"/> needs; faked in tests.</summary>
public interface IGitHubCommentsApi
{
    /// <summary>All comments of an issue or PR, every page.</summary>
    Task<IReadOnlyList<IssueComment>> ListForIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    /// <summary>Creates a comment with one request: a failure without an answer is not retried (it may have landed).</summary>
    Task<IssueComment> CreateAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default);

    Task<IssueComment> UpdateAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default);

    /// <summary>
    /// The account the token acts as (<c>GET /user</c>), or null when the token may not ask (403/404: an installation
    /// token such as <c>GITHUB_TOKEN</c>). Other failures throw.
    /// </summary>
    Task<GitHubUser?> GetAuthenticatedUserAsync(CancellationToken cancellationToken = default);
}
