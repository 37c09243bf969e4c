using System.Globalization;

namespace PerfGate.Core.GitHub;

/// <summary>
/// One sticky comment per PR (and per marker): lists every comment, updates the one carrying the marker, or creates
/// it. Never creates a second one, never throws (except for bugs in arguments), never decides the exit code: a
/// failure comes back as <see cref="PublishOutcome.Failed"/> with one line saying why and where the verdict still is.
/// </summary>
public sealed class PullRequestCommentPublisher(IGitHubCommentsApi api, PublisherOptions? options = null)
{
    private readonly PublisherOptions _options = options ?? PublisherOptions.Default;

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
            var existing = Choose(comments, marker);
            if (existing is null)
            {
                var created = await api.CreateAsync(owner, repo, number, body, cancellationToken);
                return new PublishOutcome.Created(created.Id, created.HtmlUrl);
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
                var created = await api.CreateAsync(owner, repo, number, body, cancellationToken);
                return new PublishOutcome.Created(created.Id, created.HtmlUrl);
            }
        }
        catch (GitHubAuthenticationException)
        {
            return Fail(number, $"the token in {context.TokenVariable} was rejected (401: expired or revoked)", context);
        }
        catch (GitHubForbiddenException ex) when (ex.IsRateLimit)
        {
            return Fail(number, "GitHub's rate limit outlasted the retry budget (403)", context);
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

    /// <summary>
    /// The comment to update among those carrying the marker: the token's own (the only kind it may edit), then one
    /// that starts with the marker (a report rather than a quote of one), then the oldest.
    /// </summary>
    internal IssueComment? Choose(IReadOnlyList<IssueComment> comments, string marker) =>
        comments
            .Where(c => c.Body is not null && c.Body.Contains(marker, StringComparison.Ordinal))
            .OrderByDescending(c => string.Equals(c.User?.Login, _options.AuthorLogin, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(c => c.Body!.StartsWith(marker, StringComparison.Ordinal))
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
