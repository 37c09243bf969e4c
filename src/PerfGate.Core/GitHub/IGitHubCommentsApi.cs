namespace PerfGate.Core.GitHub;

/// <summary>The comment operations <see cref="PullRequestCommentPublisher"/> needs; faked in tests.</summary>
public interface IGitHubCommentsApi
{
    /// <summary>All comments of an issue or PR, every page.</summary>
    Task<IReadOnlyList<IssueComment>> ListForIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default);

    Task<IssueComment> CreateAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default);

    Task<IssueComment> UpdateAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default);
}
