using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>
/// A rate limit that outlasted the retry budget: 429, or a 403 that is a primary or secondary rate limit (not a
/// permission problem). <see cref="RetryAfter"/> is how long GitHub asked to wait.
/// </summary>
public sealed class GitHubRateLimitException : GitHubApiException
{
    public GitHubRateLimitException()
    {
    }

    public GitHubRateLimitException(string message)
        : base(message, HttpStatusCode.TooManyRequests)
    {
    }

    public GitHubRateLimitException(string message, Exception? innerException)
        : base(message, HttpStatusCode.TooManyRequests, innerException)
    {
    }

    public GitHubRateLimitException(string message, HttpStatusCode? statusCode, TimeSpan retryAfter)
        : base(message, statusCode)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}
