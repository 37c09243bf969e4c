namespace PerfGate.Core.GitHub;

/// <summary>Commit statuses: a <c>perfgate</c> status next to the checks, usable as a required status.</summary>
public sealed class CommitStatusesClient(GitHubConnection connection)
{
    /// <summary>GitHub rejects longer descriptions.</summary>
    public const int MaxDescriptionLength = 140;

    public Task<CommitStatus> CreateAsync(string owner, string repo, string sha, NewCommitStatus status, CancellationToken cancellationToken = default)
    {
        var description = status.Description;
        if (description is { Length: > MaxDescriptionLength })
        {
            description = description[..(MaxDescriptionLength - 1)] + "…";
        }

        return connection.PostAsync(
            GitHubRoutes.CommitStatuses(owner, repo, sha),
            status with { Description = description },
            GitHubJson.Default.NewCommitStatus,
            GitHubJson.Default.CommitStatus,
            cancellationToken);
    }
}
