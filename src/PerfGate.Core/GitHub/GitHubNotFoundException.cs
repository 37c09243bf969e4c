using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>404: no such repository, issue or comment, or the token cannot see it (GitHub hides private resources as 404).</summary>
public sealed class GitHubNotFoundException : GitHubApiException
{
    public GitHubNotFoundException()
    {
    }

    public GitHubNotFoundException(string message)
        : base(message, HttpStatusCode.NotFound)
    {
    }

    public GitHubNotFoundException(string message, Exception? innerException)
        : base(message, HttpStatusCode.NotFound, innerException)
    {
    }
}
