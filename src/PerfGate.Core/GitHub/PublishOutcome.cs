namespace PerfGate.Core.GitHub;

/// <summary>What <see cref="PullRequestCommentPublisher"/> did. <see cref="Describe"/> is one line for the log.</summary>
public abstract record PublishOutcome
{
    private PublishOutcome()
    {
    }

    public abstract string Describe();

    public sealed record Created(long CommentId, string? HtmlUrl) : PublishOutcome
    {
        public override string Describe() => "perfgate: posted the report as a new PR comment" + (HtmlUrl is null ? string.Empty : ": " + HtmlUrl);
    }

    public sealed record Updated(long CommentId, string? HtmlUrl) : PublishOutcome
    {
        public override string Describe() => "perfgate: updated the PR comment" + (HtmlUrl is null ? string.Empty : ": " + HtmlUrl);
    }

    /// <summary>A commit status was set on <see cref="Commit"/> (short SHA).</summary>
    public sealed record StatusSet(string Context, string State, string Commit) : PublishOutcome
    {
        public override string Describe() => $"perfgate: set the commit status '{Context}' to {State} on {Commit}";
    }

    /// <summary>Nothing was published to <see cref="What"/> (the PR comment, a commit status) and why.</summary>
    public sealed record Skipped(string Reason, string What = "PR comment") : PublishOutcome
    {
        public override string Describe() => "perfgate: no " + What + ": " + Reason;
    }

    /// <summary>Publishing failed; <see cref="Message"/> is one clear line. The caller's exit code does not depend on it.</summary>
    public sealed record Failed(string Message) : PublishOutcome
    {
        public override string Describe() => Message;
    }
}
