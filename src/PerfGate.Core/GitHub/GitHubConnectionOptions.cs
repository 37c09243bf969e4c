namespace PerfGate.Core.GitHub;

/// <summary>Retry and timeout policy of <see cref="GitHubConnection"/>.</summary>
public sealed record GitHubConnectionOptions
{
    public static readonly GitHubConnectionOptions Default = new();

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>All attempts and waits of one request together never take longer than this.</summary>
    public TimeSpan TotalBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// All requests of one connection together (the whole GitHub step), counted from its creation: a request's
    /// retries and waits stop when this is spent, with the cause (a rate limit, a 5xx) in the message. Null: unbounded.
    /// </summary>
    public TimeSpan? ConnectionBudget { get; init; }

    /// <summary>One attempt (connect, send, read the body) is abandoned after this long.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The first backoff; doubled per attempt, capped by <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(16);

    public string UserAgent { get; init; } = "PerfGate";
}
