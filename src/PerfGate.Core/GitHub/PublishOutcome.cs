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

    public sealed record Skipped(string Reason) : PublishOutcome
    {
        public override string Describe() => "perfgate: no PR comment: " + Reason;
    }

    /// <summary>Publishing failed; <see cref="Message"/> is one clear line. The caller's exit code does not depend on it.</summary>
    public sealed record Failed(string Message) : PublishOutcome
    {
        public override string Describe() => Message;
    }
}
