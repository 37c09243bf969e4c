using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>
/// A GitHub API call failed. Messages name the method, the route (a path, never a query string) and GitHub's own
/// short message; they never contain the token or request headers.
/// </summary>
public class GitHubApiException : Exception
{
    public GitHubApiException()
    {
    }

    public GitHubApiException(string message)
        : base(message)
    {
    }

    public GitHubApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public GitHubApiException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status, or null when no response arrived (network error, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }
}
