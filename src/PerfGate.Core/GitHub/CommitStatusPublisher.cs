namespace PerfGate.Core.GitHub;

/// <summary>
/// Sets the gate's commit status (<c>perfgate</c>, or another context per gate) on the head commit, so branch
/// protection can require it. Like the comment publisher it never throws for GitHub's faults and never decides the
/// exit code: a failure comes back as <see cref="PublishOutcome.Failed"/> with one line.
/// </summary>
public sealed class CommitStatusPublisher(CommitStatusesClient statuses)
{
    public async Task<PublishOutcome> PublishAsync(NewCommitStatus status, GitHubContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (context.HeadSha is not { } sha)
        {
            return new PublishOutcome.Skipped("the head commit is unknown (no GITHUB_SHA or pull_request.head.sha)", What(status));
        }

        if (context.Owner is not { } owner || context.Repository is not { } repo)
        {
            return new PublishOutcome.Skipped("GITHUB_REPOSITORY is not set", What(status));
        }

        if (context.Token is null)
        {
            return new PublishOutcome.Skipped($"no token in {context.TokenVariable}", What(status));
        }

        string Fail(string reason)
        {
            var line = $"perfgate: cannot set the commit status '{status.Context}' on {Short(sha)}: {reason}".ReplaceLineEndings(" ");
            return context.Token.Redact(line);
        }

        try
        {
            await statuses.CreateAsync(owner, repo, sha, status, cancellationToken);
            return new PublishOutcome.StatusSet(status.Context, status.State, Short(sha));
        }
        catch (GitHubAuthenticationException)
        {
            return new PublishOutcome.Failed(Fail($"the token in {context.TokenVariable} was rejected (401: expired or revoked)"));
        }
        catch (GitHubRateLimitException ex)
        {
            return new PublishOutcome.Failed(Fail(PullRequestCommentPublisher.RateLimitReason(ex)));
        }
        catch (GitHubForbiddenException)
        {
            return new PublishOutcome.Failed(Fail("the token may not set statuses (a fork's pull_request token is read-only, or the job lacks `permissions: statuses: write`)"));
        }
        catch (GitHubApiException ex)
        {
            return new PublishOutcome.Failed(Fail(ex.Message));
        }
        catch (OperationCanceledException)
        {
            return new PublishOutcome.Failed(Fail("cancelled: publishing did not finish within the time allowed"));
        }
    }

    private static string What(NewCommitStatus status) => $"commit status '{status.Context}'";

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
