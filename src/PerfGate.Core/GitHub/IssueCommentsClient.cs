namespace PerfGate.Core.GitHub;

/// <summary>Issue comments (a PR's conversation comments are issue comments): list all pages, create, update; and who the token is.</summary>
public sealed class IssueCommentsClient(GitHubConnection connection) : IGitHubCommentsApi
{
    /// <summary>A bound on pages (100 comments each) so a runaway <c>Link</c> chain cannot loop forever.</summary>
    private const int MaxPages = 100;

    public async Task<IReadOnlyList<IssueComment>> ListForIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        var comments = new List<IssueComment>();
        var page = await connection.GetAsync(GitHubRoutes.IssueCommentsFirstPage(owner, repo, number), GitHubJson.Default.ListIssueComment, cancellationToken);
        comments.AddRange(page.Body);
        for (var pages = 1; page.NextPage is { } next && pages < MaxPages; pages++)
        {
            page = await connection.GetAsync(next, GitHubJson.Default.ListIssueComment, cancellationToken);
            comments.AddRange(page.Body);
        }

        return comments;
    }

    public Task<IssueComment> CreateAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default) =>
        connection.PostOnceAsync(GitHubRoutes.IssueComments(owner, repo, number), new CommentBody(body), GitHubJson.Default.CommentBody, GitHubJson.Default.IssueComment, cancellationToken);

    public Task<IssueComment> UpdateAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default) =>
        connection.PatchAsync(GitHubRoutes.IssueComment(owner, repo, commentId), new CommentBody(body), GitHubJson.Default.CommentBody, GitHubJson.Default.IssueComment, cancellationToken);

    public async Task<GitHubUser?> GetAuthenticatedUserAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await connection.GetAsync(GitHubRoutes.AuthenticatedUser, GitHubJson.Default.GitHubUser, cancellationToken)).Body;
        }
        catch (Exception ex) when (ex is GitHubForbiddenException or GitHubNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The body of a comment to create or update.</summary>
    internal sealed record CommentBody(string Body);
}
