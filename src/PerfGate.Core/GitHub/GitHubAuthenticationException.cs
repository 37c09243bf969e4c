using System.Net;

namespace PerfGate.Core.GitHub;

/// <summary>401: the token is missing, expired or revoked.</summary>
public sealed class GitHubAuthenticationException : GitHubApiException
{
    public GitHubAuthenticationException()
    {
    }

    public GitHubAuthenticationException(string message)
        : base(message, HttpStatusCode.Unauthorized)
    {
    }

    public GitHubAuthenticationException(string message, Exception? innerException)
        : base(message, HttpStatusCode.Unauthorized, innerException)
    {
    }
}
