namespace PerfGate.Cli.Commands;

/// <summary>The parsed arguments of <c>perfgate check</c>.</summary>
internal sealed record CheckRequest
{
    public required string[] Results { get; init; }

    /// <summary><c>--ab DIR</c>: judge the same-runner A/B rounds in DIR (docs/ab.md) instead of <see cref="Results"/>.</summary>
    public string? Ab { get; init; }

    /// <summary><c>--shards N</c>: with a sharded <see cref="Ab"/> folder, the shards expected (a missing one is an error).</summary>
    public int? Shards { get; init; }

    public string[] Baseline { get; init; } = [];

    public required string History { get; init; }

    public bool HistoryGiven { get; init; }

    public string? Config { get; init; }

    public string? Markdown { get; init; }

    public string? Json { get; init; }

    /// <summary><c>--comment-markdown FILE</c>: the comment-sized rendering, for a later job to post (the fork path).</summary>
    public string? CommentMarkdown { get; init; }

    public bool Record { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public string BaselineBranch { get; init; } = "main";

    public bool AnyMachine { get; init; }

    public bool IgnoreMissing { get; init; }

    public bool GitHubComment { get; init; }

    /// <summary><c>--github-status</c>: a commit status named <see cref="StatusContext"/> on the head commit.</summary>
    public bool GitHubStatus { get; init; }

    public string StatusContext { get; init; } = "perfgate";

    /// <summary>The sticky comment's marker: <c>--marker ID</c> gives <c>&lt;!-- perfgate:report:ID --&gt;</c>.</summary>
    public string Marker { get; init; } = Core.Rendering.MarkdownOptions.DefaultMarker;

    public string BotLogin { get; init; } = Core.GitHub.PublisherOptions.GitHubActionsBot;

    /// <summary><c>--accept-label</c>: the label that accepts a PR's regressions, or null when acceptance is off.</summary>
    public string? AcceptLabel { get; init; }

    /// <summary><c>--record-accepted</c>: acknowledge this recorded run's alerts when its merged PR was accepted.</summary>
    public bool RecordAccepted { get; init; }

    public int? PullRequest { get; init; }

    public string TokenEnv { get; init; } = "GITHUB_TOKEN";

    /// <summary><c>--summary</c>: the seeds' §7.1 summary after the verdict (what the main job prints).</summary>
    public bool Summary { get; init; }

    /// <summary><c>--verbose</c>: stack traces on errors, and one line per GitHub API retry.</summary>
    public bool Verbose { get; init; }
}
