namespace PerfGate.Core.GitHub;

public sealed record GitHubUser
{
    public string? Login { get; init; }

    /// <summary><c>User</c> or <c>Bot</c>.</summary>
    public string? Type { get; init; }
}
