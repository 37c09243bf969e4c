using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>A run as the history records it: the results plus where in the repository and when it was measured.</summary>
public sealed record RecordedRun
{
    public required BenchmarkRun Run { get; init; }

    /// <summary>The branch the run measured (<c>main</c> for the rolling baseline; the PR's head branch otherwise).</summary>
    public required string Branch { get; init; }

    public string? Commit { get; init; }

    public int? PullRequest { get; init; }

    /// <summary>When the run was measured; the history orders series by it (newest first).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// Takes branch, commit and timestamp from the run when it carries them, else from the arguments
    /// (<paramref name="recordedAt"/> is the caller's clock; the branch falls back to <c>unknown</c>).
    /// </summary>
    public static RecordedRun From(BenchmarkRun run, DateTimeOffset recordedAt, string? branch = null, string? commit = null, int? pullRequest = null) => new()
    {
        Run = run,
        Branch = branch ?? run.Branch ?? "unknown",
        Commit = commit ?? run.Commit,
        PullRequest = pullRequest,
        Timestamp = run.Timestamp ?? recordedAt,
    };
}
