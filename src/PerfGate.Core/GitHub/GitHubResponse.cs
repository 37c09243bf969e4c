namespace PerfGate.Core.GitHub;

/// <summary>A decoded response body and the <c>rel="next"</c> page from its <c>Link</c> header, if any.</summary>
public sealed record GitHubResponse<T>(T Body, Uri? NextPage);
