using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>
/// 403: the token may not do this (a fork's read-only <c>pull_request</c> token, missing <c>permissions:</c>), or a
/// rate limit that outlasted the retry budget (<see cref="IsRateLimit"/>).
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

    public GitHubForbiddenException(string message, bool isRateLimit)
        : base(message, HttpStatusCode.Forbidden)
    {
        IsRateLimit = isRateLimit;
    }

    public bool IsRateLimit { get; }
}
