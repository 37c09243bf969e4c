using System.Globalization;

namespace PerfGate.Core.GitHub;

/// <summary>The REST routes PerfGate uses, relative to the API root (<c>https://api.github.com/</c> or <c>https://ghe/api/v3/</c>).</summary>
public static class GitHubRoutes
{
    /// <summary>The largest page GitHub serves; fewer round trips on busy PRs.</summary>
    public const int PageSize = 100;

    /// <summary><c>GET</c> (list) and <c>POST</c> (create): https://docs.github.com/rest/issues/comments</summary>
    public static string IssueComments(string owner, string repo, int number) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/issues/{number.ToString(CultureInfo.InvariantCulture)}/comments";

    public static string IssueCommentsFirstPage(string owner, string repo, int number) =>
        IssueComments(owner, repo, number) + "?per_page=" + PageSize.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>PATCH</c> (update) one comment.</summary>
    public static string IssueComment(string owner, string repo, long commentId) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/issues/comments/{commentId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>GET</c> the account the token acts as: https://docs.github.com/rest/users/users (403 for <c>GITHUB_TOKEN</c>).</summary>
    public const string AuthenticatedUser = "user";

    /// <summary><c>POST</c> a commit status: https://docs.github.com/rest/commits/statuses</summary>
    public static string CommitStatuses(string owner, string repo, string sha) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/statuses/{Segment(sha)}";

    /// <summary><c>GET</c> an issue's (or PR's) timeline events, e.g. who applied a label: https://docs.github.com/rest/issues/events</summary>
    public static string IssueEventsFirstPage(string owner, string repo, int number) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/issues/{number.ToString(CultureInfo.InvariantCulture)}/events?per_page=" + PageSize.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>GET</c> a user's permission on the repository: https://docs.github.com/rest/collaborators/collaborators</summary>
    public static string CollaboratorPermission(string owner, string repo, string user) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/collaborators/{Segment(user)}/permission";

    /// <summary><c>GET</c> the pull requests a commit belongs to (the merged PR of a push to main): https://docs.github.com/rest/commits/commits</summary>
    public static string PullRequestsOfCommit(string owner, string repo, string sha) =>
        $"repos/{Segment(owner)}/{Segment(repo)}/commits/{Segment(sha)}/pulls?per_page=" + PageSize.ToString(CultureInfo.InvariantCulture);

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
