using System.Globalization;

namespace PerfGate.Core.GitHub;

/// <summary>
/// One sticky comment per PR (and per marker): lists every comment, updates the token's own comment carrying the
/// marker, or creates it. Only the token's own comments are candidates (<see cref="Choose"/>): a comment someone else
/// wrote with the marker in it is never edited. Never creates a second one, also when a creation's answer is lost
/// (the comments are listed again before another try). Never throws (except for bugs in arguments), never decides the
/// exit code: a failure comes back as <see cref="PublishOutcome.Failed"/> with one line saying why and where the
/// verdict still is.
/// </summary>
public sealed class PullRequestCommentPublisher(IGitHubCommentsApi api, PublisherOptions? options = null)
{
    private readonly PublisherOptions _options = options ?? PublisherOptions.Default;
    private string? _author;

    public async Task<PublishOutcome> PublishAsync(string markdown, string marker, GitHubContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);

        if (context.PullRequestNumber is not { } number)
        {
            return new PublishOutcome.Skipped($"not a pull request (event '{context.EventName ?? "unknown"}'); the report is in the job summary");
        }

        if (context.Owner is not { } owner || context.Repository is not { } repo)
        {
            return new PublishOutcome.Skipped("GITHUB_REPOSITORY is not set");
        }

        if (context.Token is null)
        {
            return new PublishOutcome.Skipped($"no token in {context.TokenVariable}; the verdict is in the job summary");
        }

        var body = markdown.Contains(marker, StringComparison.Ordinal) ? markdown : marker + "\n" + markdown;
        if (body.Length > _options.MaxBodyLength)
        {
            return Fail(number, $"the report has {Count(body.Length)} characters, over GitHub's {Count(_options.MaxBodyLength)} limit (render it with MarkdownOptions.MaxLength)", context);
        }

        try
        {
            var comments = await api.ListForIssueAsync(owner, repo, number, cancellationToken);
            var existing = await FindOwnAsync(comments, marker, cancellationToken);
            if (existing is null)
            {
                return await CreateOnceAsync(owner, repo, number, body, marker, cancellationToken);
            }

            if (existing.Body == body)
            {
                return new PublishOutcome.Skipped("the PR comment is already up to date");
            }

            try
            {
                var updated = await api.UpdateAsync(owner, repo, existing.Id, body, cancellationToken);
                return new PublishOutcome.Updated(updated.Id, updated.HtmlUrl);
            }
            catch (GitHubNotFoundException)
            {
                // Deleted between the list and the update: post a fresh one rather than lose the report.
                return await CreateOnceAsync(owner, repo, number, body, marker, cancellationToken);
            }
        }
        catch (GitHubAuthenticationException)
        {
            return Fail(number, $"the token in {context.TokenVariable} was rejected (401: expired or revoked)", context);
        }
        catch (GitHubRateLimitException ex)
        {
            return Fail(number, RateLimitReason(ex), context);
        }
        catch (GitHubForbiddenException)
        {
            return Fail(number, "the token is read-only (a fork's pull_request token cannot write, or the job lacks `permissions: pull-requests: write`)", context);
        }
        catch (GitHubNotFoundException)
        {
            return Fail(number, $"{owner}/{repo}#{number} was not found with this token (404)", context);
        }
        catch (GitHubApiException ex)
        {
            return Fail(number, ex.Message, context);
        }
        catch (OperationCanceledException)
        {
            return Fail(number, "cancelled: publishing did not finish within the time allowed", context);
        }
    }

    /// <summary>The one line for a rate limit that outlasted the budget, naming it as such (never "read-only").</summary>
    internal static string RateLimitReason(GitHubRateLimitException ex) =>
        "GitHub's rate limit outlasted the retry budget (GitHub asked to wait "
        + ex.RetryAfter.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s): " + ex.Message;

    /// <summary>
    /// Creates the comment. A try whose answer is lost (timeout, network error, 5xx) may have landed, so before the
    /// next try the comments are listed again and our own marker comment, if it is there now, is taken as the result.
    /// </summary>
    private async Task<PublishOutcome> CreateOnceAsync(string owner, string repo, int number, string body, string marker, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await api.CreateAsync(owner, repo, number, body, cancellationToken);
                return new PublishOutcome.Created(created.Id, created.HtmlUrl);
            }
            catch (GitHubApiException ex) when (MayHaveLanded(ex) && attempt < _options.MaxCreateAttempts)
            {
                var comments = await api.ListForIssueAsync(owner, repo, number, cancellationToken);
                if (await FindOwnAsync(comments, marker, cancellationToken) is { } landed)
                {
                    if (landed.Body == body)
                    {
                        return new PublishOutcome.Created(landed.Id, landed.HtmlUrl);
                    }

                    var updated = await api.UpdateAsync(owner, repo, landed.Id, body, cancellationToken);
                    return new PublishOutcome.Updated(updated.Id, updated.HtmlUrl);
                }
            }
        }
    }

    /// <summary>No answer, or a 5xx: GitHub may have created the comment all the same.</summary>
    private static bool MayHaveLanded(GitHubApiException ex) =>
        ex is not GitHubRateLimitException && (ex.StatusCode is null || (int)ex.StatusCode >= 500);

    /// <summary>Our comment carrying the marker, asking who we are only when some comment carries it.</summary>
    private async Task<IssueComment?> FindOwnAsync(IReadOnlyList<IssueComment> comments, string marker, CancellationToken cancellationToken)
    {
        if (!comments.Any(c => c.Body is not null && c.Body.Contains(marker, StringComparison.Ordinal)))
        {
            return null;
        }

        _author ??= (await api.GetAuthenticatedUserAsync(cancellationToken))?.Login ?? _options.FallbackAuthorLogin;
        return Choose(comments, marker, _author);
    }

    /// <summary>
    /// The comment to update among those carrying the marker: only <paramref name="author"/>'s (the token's own; any
    /// other, a human's quote or a planted copy, is never a candidate), the one that starts with the marker first
    /// (a report rather than a quote of one), then the oldest.
    /// </summary>
    internal static IssueComment? Choose(IReadOnlyList<IssueComment> comments, string marker, string author) =>
        comments
            .Where(c => c.Body is not null && c.Body.Contains(marker, StringComparison.Ordinal))
            .Where(c => string.Equals(c.User?.Login, author, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.Body!.StartsWith(marker, StringComparison.Ordinal))
            .ThenBy(c => c.Id)
            .FirstOrDefault();

    private static PublishOutcome.Failed Fail(int number, string reason, GitHubContext context)
    {
        var line = $"perfgate: cannot comment on PR #{number.ToString(CultureInfo.InvariantCulture)}: {reason}; the verdict is in the job summary";
        line = line.ReplaceLineEndings(" ");
        return new PublishOutcome.Failed(context.Token is null ? line : context.Token.Redact(line));
    }

    private static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
