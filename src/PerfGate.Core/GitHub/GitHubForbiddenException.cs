using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>
/// 403: the token may not do this (a fork's read-only <c>pull_request</c> token, missing <c>permissions:</c>). A 403
/// that is a rate limit is a <see cref="GitHubRateLimitException"/> instead.
/// </summary>
public sealed class GitHubForbiddenException : GitHubApiException
{
    public GitHubForbiddenException()
    {
    }

    public GitHubForbiddenException(string message)
        : base(message, HttpStatusCode.Forbidden)
    {
    }

    public GitHubForbiddenException(string message, Exception? innerException)
        : base(message, HttpStatusCode.Forbidden, innerException)
    {
    }
}
