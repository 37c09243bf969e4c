namespace PerfGate.Cli.Commands;

/// <summary>The parsed arguments of <c>perfgate check</c>.</summary>
internal sealed record CheckRequest
{
    public required string[] Results { get; init; }

    /// <summary><c>--ab DIR</c>: judge the same-runner A/B rounds in DIR (docs/ab.md) instead of <see cref="Results"/>.</summary>
    public string? Ab { get; init; }

    public string[] Baseline { get; init; } = [];

    public required string History { get; init; }

    public bool HistoryGiven { get; init; }

    public string? Config { get; init; }

    public string? Markdown { get; init; }

    public string? Json { get; init; }

    public bool Record { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public string BaselineBranch { get; init; } = "main";

    public bool AnyMachine { get; init; }

    public bool IgnoreMissing { get; init; }

    public bool GitHubComment { get; init; }

    public int? PullRequest { get; init; }

    public string TokenEnv { get; init; } = "GITHUB_TOKEN";

    /// <summary><c>--summary</c>: the seeds' §7.1 summary after the verdict (what the main job prints).</summary>
    public bool Summary { get; init; }

    /// <summary><c>--verbose</c>: stack traces on errors, and one line per GitHub API retry.</summary>
    public bool Verbose { get; init; }
}
