namespace PerfGate.Core.GitHub;

/// <summary>
/// Whether a PR's regressions were accepted on purpose: the accept label is on the PR (as the caller read it: from
/// the event payload for a PR run, from the API for a merged PR, never from the PR's files), the last <c>labeled</c>
/// event for that label names who applied it, and that person has write, maintain or admin permission. Anything
/// missing or any API failure is "not accepted", with the reason: the gate then fails as judged (fail closed).
/// </summary>
public sealed class AcceptLabelCheck(GitHubConnection connection)
{
    /// <summary>A bound on pages (100 events each).</summary>
    private const int MaxPages = 50;

    private static readonly string[] WriteRoles = ["admin", "maintain", "write"];

    /// <summary>Checks one PR whose labels the caller knows.</summary>
    public async Task<AcceptDecision> CheckAsync(string owner, string repo, int pullRequest, string label, IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!labels.Contains(label, StringComparer.OrdinalIgnoreCase))
        {
            return new AcceptDecision.NotAccepted(pullRequest, $"PR #{pullRequest} does not carry the label '{label}'");
        }

        try
        {
            var actor = await LabelledByAsync(owner, repo, pullRequest, label, cancellationToken);
            if (actor is null)
            {
                return new AcceptDecision.NotAccepted(pullRequest, $"no 'labeled' event for '{label}' on PR #{pullRequest}: who applied it is unknown");
            }

            var permission = await PermissionAsync(owner, repo, actor, cancellationToken);
            return permission is not null && (WriteRoles.Contains(permission.Permission, StringComparer.OrdinalIgnoreCase) || WriteRoles.Contains(permission.RoleName, StringComparer.OrdinalIgnoreCase))
                ? new AcceptDecision.Accepted(pullRequest, actor, label)
                : new AcceptDecision.NotAccepted(pullRequest, $"'{label}' on PR #{pullRequest} was applied by @{actor}, who has {(permission is null ? "no" : "'" + (permission.RoleName ?? permission.Permission) + "'")} permission on {owner}/{repo}; write, maintain or admin is needed");
        }
        catch (GitHubApiException ex)
        {
            return new AcceptDecision.NotAccepted(pullRequest, $"could not check the label '{label}' on PR #{pullRequest}: {ex.Message}");
        }
    }

    /// <summary>
    /// For a push: the merged PR the commit came from (<c>GET /commits/{sha}/pulls</c>, the one whose merge commit it is,
    /// else the first merged one), checked with its labels as the API gives them now. Null when the commit came from no merged PR.
    /// </summary>
    public async Task<AcceptDecision?> CheckMergedAsync(string owner, string repo, string sha, string label, CancellationToken cancellationToken = default)
    {
        List<PullRequestInfo> pulls;
        try
        {
            pulls = (await connection.GetAsync(GitHubRoutes.PullRequestsOfCommit(owner, repo, sha), GitHubJson.Default.ListPullRequestInfo, cancellationToken)).Body;
        }
        catch (GitHubApiException ex)
        {
            return new AcceptDecision.NotAccepted(null, $"could not find the pull request of {Short(sha)}: {ex.Message}");
        }

        var merged = pulls.Where(p => p.MergedAt is not null).ToList();
        var pull = merged.FirstOrDefault(p => string.Equals(p.MergeCommitSha, sha, StringComparison.OrdinalIgnoreCase)) ?? merged.FirstOrDefault();
        if (pull is null)
        {
            return null;
        }

        var labels = pull.Labels.Select(l => l.Name).OfType<string>().ToList();
        return await CheckAsync(owner, repo, pull.Number, label, labels, cancellationToken);
    }

    private async Task<string?> LabelledByAsync(string owner, string repo, int number, string label, CancellationToken cancellationToken)
    {
        string? actor = null;
        var page = await connection.GetAsync(GitHubRoutes.IssueEventsFirstPage(owner, repo, number), GitHubJson.Default.ListIssueEvent, cancellationToken);
        for (var pages = 1; ; pages++)
        {
            // Oldest first: the last matching event is the one that put the label there now.
            foreach (var e in page.Body)
            {
                if (e.Event == "labeled" && string.Equals(e.Label?.Name, label, StringComparison.OrdinalIgnoreCase) && e.Actor?.Login is { } login)
                {
                    actor = login;
                }
            }

            if (page.NextPage is not { } next || pages >= MaxPages)
            {
                return actor;
            }

            page = await connection.GetAsync(next, GitHubJson.Default.ListIssueEvent, cancellationToken);
        }
    }

    private async Task<CollaboratorPermission?> PermissionAsync(string owner, string repo, string user, CancellationToken cancellationToken)
    {
        try
        {
            return (await connection.GetAsync(GitHubRoutes.CollaboratorPermission(owner, repo, user), GitHubJson.Default.CollaboratorPermission, cancellationToken)).Body;
        }
        catch (GitHubNotFoundException)
        {
            return null; // not a collaborator
        }
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    internal sealed record IssueEvent
    {
        public string? Event { get; init; }

        public GitHubUser? Actor { get; init; }

        public LabelInfo? Label { get; init; }
    }

    internal sealed record LabelInfo
    {
        public string? Name { get; init; }
    }

    internal sealed record CollaboratorPermission
    {
        public string? Permission { get; init; }

        public string? RoleName { get; init; }
    }

    internal sealed record PullRequestInfo
    {
        public int Number { get; init; }

        public DateTimeOffset? MergedAt { get; init; }

        public string? MergeCommitSha { get; init; }

        public List<LabelInfo> Labels { get; init; } = [];
    }
}

/// <summary>What <see cref="AcceptLabelCheck"/> found, for the PR it looked at (null when none was found).</summary>
public abstract record AcceptDecision(int? PullRequest)
{
    /// <summary>The label is on the PR and <see cref="By"/>, who applied it, has write access.</summary>
    public sealed record Accepted(int? PullRequest, string By, string Label) : AcceptDecision(PullRequest);

    /// <summary>Not accepted; <see cref="Reason"/> is one line.</summary>
    public sealed record NotAccepted(int? PullRequest, string Reason) : AcceptDecision(PullRequest);
}
