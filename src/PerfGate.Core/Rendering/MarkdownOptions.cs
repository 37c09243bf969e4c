namespace PerfGate.Core.Rendering;

/// <summary>How <see cref="MarkdownReport"/> renders: the hidden marker, the length limit, and optional parts.</summary>
public sealed record MarkdownOptions
{
    /// <summary>GitHub rejects issue comment bodies longer than 65,536 characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    public const string DefaultMarker = "<!-- perfgate:report -->";

    /// <summary>For a PR comment: the default marker and GitHub's length limit.</summary>
    public static readonly MarkdownOptions PullRequestComment = new();

    /// <summary>For the job summary or an artifact: everything, no practical length limit (the job summary takes 1 MiB).</summary>
    public static readonly MarkdownOptions Full = new() { MaxLength = 1_000_000 };

    /// <summary>The hidden first line that finds the sticky comment again. See <see cref="MarkerFor"/>.</summary>
    public string Marker { get; init; } = DefaultMarker;

    /// <summary>The most characters (UTF-16 code units, which never undercount GitHub's limit) the report may have.</summary>
    public int MaxLength { get; init; } = GitHubCommentLimit;

    /// <summary>Mermaid <c>xychart-beta</c> charts for at most this many regressed benchmarks with history (0: none).</summary>
    public int MaxCharts { get; init; } = 3;

    /// <summary>The command a developer runs to reproduce the measurements locally.</summary>
    public string ReproduceCommand { get; init; } = "dotnet run -c Release --project benchmarks";

    /// <summary>Where the complete report is when this one had to omit rows.</summary>
    public string FullReportLocation { get; init; } = "the job summary and the `perfgate-report` artifact";

    /// <summary>An optional link to the workflow run, shown in the footer.</summary>
    public Uri? RunUrl { get; init; }

    /// <summary>
    /// A marker per workflow or suite (e.g. <c>MarkerFor("linux")</c> → <c>&lt;!-- perfgate:report:linux --&gt;</c>),
    /// so two gates on one PR keep one comment each. Never a substring of another id's marker.
    /// </summary>
    public static string MarkerFor(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains("--", StringComparison.Ordinal) || id.Contains('>', StringComparison.Ordinal) || id.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A marker id cannot contain '--', '>' or whitespace (it lives in an HTML comment).", nameof(id));
        }

        return "<!-- perfgate:report:" + id + " -->";
    }
}
