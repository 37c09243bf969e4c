namespace PerfGate.Core.GitHub;

/// <summary>Issue comments (a PR's conversation comments are issue comments): list all pages, create, update; and who the token is.</summary>
public sealed class IssueCommentsClient(GitHubConnection connection) : IGitHubCommentsApi
{
    /// <summary>A bound on pages (100 comments each) so a runaway <c>Link</c> chain cannot loop forever.</summary>
    private const int MaxPages = 100;

    public async Task<IReadOnlyList<IssueComment>> ListForIssueAsync(string owner, string repo, int number, CancellationToken cancellationToken = default)
    {
        var comments = new List<IssueComment>();
        var page = await connection.GetAsync<List<IssueComment>>(GitHubRoutes.IssueCommentsFirstPage(owner, repo, number), cancellationToken);
        comments.AddRange(page.Body);
        for (var pages = 1; page.NextPage is { } next && pages < MaxPages; pages++)
        {
            page = await connection.GetAsync<List<IssueComment>>(next, cancellationToken);
            comments.AddRange(page.Body);
        }

        return comments;
    }

    public Task<IssueComment> CreateAsync(string owner, string repo, int number, string body, CancellationToken cancellationToken = default) =>
        connection.PostOnceAsync<IssueComment>(GitHubRoutes.IssueComments(owner, repo, number), new CommentBody(body), cancellationToken);

    public Task<IssueComment> UpdateAsync(string owner, string repo, long commentId, string body, CancellationToken cancellationToken = default) =>
        connection.PatchAsync<IssueComment>(GitHubRoutes.IssueComment(owner, repo, commentId), new CommentBody(body), cancellationToken);

    public async Task<GitHubUser?> GetAuthenticatedUserAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await connection.GetAsync<GitHubUser>(GitHubRoutes.AuthenticatedUser, cancellationToken)).Body;
        }
        catch (Exception ex) when (ex is GitHubForbiddenException or GitHubNotFoundException)
        {
            return null;
        }
    }

    private sealed record CommentBody(string Body);
}
