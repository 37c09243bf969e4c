namespace PerfGate.Core.Rendering;

/// <summary>How the markdown report is made. <see cref="Marker"/> is the hidden line the sticky PR comment is found by.</summary>
public sealed record MarkdownOptions
{
    public const string DefaultMarker = "<!-- perfgate:report -->";

    /// <summary>GitHub's limit for a comment body.</summary>
    public const int GitHubCommentLimit = 65_536;

    public string Marker { get; init; } = DefaultMarker;

    public int MaxLength { get; init; } = GitHubCommentLimit;
}
