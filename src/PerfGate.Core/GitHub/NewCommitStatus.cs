namespace PerfGate.Core.GitHub;

/// <summary>A commit status to create. <see cref="State"/> is <c>error|failure|pending|success</c>.</summary>
public sealed record NewCommitStatus(string State, string? Description, string Context = "perfgate", string? TargetUrl = null)
{
    public static NewCommitStatus ForVerdict(bool passed, string description, Uri? runUrl, string context = "perfgate") =>
        new(passed ? "success" : "failure", description, context, runUrl?.AbsoluteUri);
}
