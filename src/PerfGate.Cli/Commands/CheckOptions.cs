using System.CommandLine;

namespace PerfGate.Cli.Commands;

/// <summary>
/// The options of <c>perfgate check</c> that judge, report, record and publish: built fresh for each verb that judges
/// (<c>check</c> and <c>ab</c>; an option belongs to one parent), read back into a <see cref="CheckRequest"/>.
/// </summary>
internal sealed class CheckOptions(CliEnvironment env)
{
    public const string DefaultAcceptLabel = "perfgate: accept";

    public Option<string[]> Baseline { get; } = CommonOptions.Paths("--baseline", "The committed baseline folder (baselines/) or BenchmarkDotNet result files/folders.", required: false);

    public Option<string> History { get; } = CommonOptions.History(env);

    public Option<string?> Config { get; } = new("--config") { Description = "perfgate.json with thresholds and targets (default: ./perfgate.json when present)." };

    public Option<string?> Markdown { get; } = new("--markdown") { Description = "Write the markdown report to this file." };

    public Option<string?> Json { get; } = new("--json") { Description = "Write the machine-readable verdict to this file (docs/verdict-schema.md)." };

    public Option<string?> CommentMarkdown { get; } = new("--comment-markdown") { Description = "Write the report as the PR comment would be, sized to fit GitHub's 65,536-character limit, to this file." };

    public Option<bool> Record { get; } = new("--record") { Description = "Store this run and its alerts in the history." };

    public Option<string?> Branch { get; } = new("--branch") { Description = "Branch to record under (default: from GitHub Actions variables or git, else main)." };

    public Option<string?> Commit { get; } = new("--commit") { Description = "Commit of this run (default: GITHUB_SHA or git HEAD)." };

    public Option<string> BaselineBranch { get; } = new("--baseline-branch") { Description = "Branch whose recorded runs form the rolling baseline.", DefaultValueFactory = _ => "main" };

    public Option<bool> IgnoreMissing { get; } = new("--ignore-missing") { Description = "Do not report baseline benchmarks absent from the results as removed (a filtered run)." };

    public Option<bool> AnyMachine { get; } = new("--any-machine") { Description = "Use history runs from any machine, not only ones with this run's fingerprint." };

    public Option<bool> GitHubComment { get; } = new("--github-comment") { Description = "Publish the report as one sticky PR comment, the job summary and annotations (GitHub Actions)." };

    public Option<bool> GitHubStatus { get; } = new("--github-status") { Description = "Set a commit status on the head commit with the headline (needs `permissions: statuses: write`); branch protection can require it." };

    public Option<string> StatusContext { get; } = new("--context") { Description = "The commit status's name (one per gate in a matrix).", DefaultValueFactory = _ => "perfgate" };

    public Option<string?> Marker { get; } = new("--marker") { Description = "An id for this gate's sticky comment (<!-- perfgate:report:ID -->), so several gates on one PR keep one comment each." };

    public Option<string> BotLogin { get; } = new("--github-bot-login") { Description = "Whose PR comments are this gate's when the token cannot say (GET /user is forbidden for GITHUB_TOKEN): a GitHub App's 'name[bot]'.", DefaultValueFactory = _ => Core.GitHub.PublisherOptions.GitHubActionsBot };

    public Option<string?> AcceptLabel { get; } = new("--accept-label")
    {
        Description = "Let a PR label, applied by someone with write access, accept this PR's regressions (default label: 'perfgate: accept'; docs/github.md).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> RecordAccepted { get; } = new("--record-accepted") { Description = "With --record on main: when the pushed commit's merged PR carried the accept label, acknowledge the alerts of this run as accepted in that PR." };

    public Option<int?> PullRequest { get; } = new("--pr") { Description = "Pull request number (default: from GITHUB_EVENT_PATH)." };

    public Option<string> TokenEnv { get; } = new("--token-env") { Description = "Environment variable holding the GitHub token.", DefaultValueFactory = _ => "GITHUB_TOKEN" };

    public Option<bool> Summary { get; } = new("--summary") { Description = "After the verdict, print the seeds' summary: startup, container inits, validation, memory, performance index, regression score, warnings and the trend against the last 7 days of the baseline branch (docs/index-and-score.md)." };

    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public IEnumerable<Option> All =>
    [
        Baseline, History, Config, Markdown, Json, CommentMarkdown, Record, Branch, Commit, BaselineBranch, IgnoreMissing, AnyMachine, GitHubComment, GitHubStatus, StatusContext, Marker, BotLogin,
        AcceptLabel, RecordAccepted, PullRequest, TokenEnv, Summary, Verbose,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request these options describe; <see cref="CheckRequest.Results"/> and <see cref="CheckRequest.Ab"/> are left for the verb.</summary>
    public CheckRequest Read(ParseResult parse) => new()
    {
        Results = [],
        Baseline = parse.GetValue(Baseline) ?? [],
        History = parse.GetValue(History)!,
        HistoryGiven = parse.GetResult(History) is { Implicit: false },
        Config = parse.GetValue(Config),
        Markdown = parse.GetValue(Markdown),
        Json = parse.GetValue(Json),
        CommentMarkdown = parse.GetValue(CommentMarkdown),
        Record = parse.GetValue(Record),
        Branch = parse.GetValue(Branch),
        Commit = parse.GetValue(Commit),
        BaselineBranch = parse.GetValue(BaselineBranch)!,
        AnyMachine = parse.GetValue(AnyMachine),
        IgnoreMissing = parse.GetValue(IgnoreMissing),
        GitHubComment = parse.GetValue(GitHubComment),
        GitHubStatus = parse.GetValue(GitHubStatus),
        StatusContext = CheckedContext(parse.GetValue(StatusContext)),
        Marker = parse.GetValue(Marker) is { } id ? CheckedMarker(id) : Core.Rendering.MarkdownOptions.DefaultMarker,
        BotLogin = parse.GetValue(BotLogin) is { Length: > 0 } login ? login.Trim() : throw new UsageException("--github-bot-login needs a login, e.g. 'my-app[bot]'"),
        AcceptLabel = parse.GetResult(AcceptLabel) is null ? null : parse.GetValue(AcceptLabel) is { Length: > 0 } label ? label.Trim() : DefaultAcceptLabel,
        RecordAccepted = parse.GetValue(RecordAccepted),
        PullRequest = parse.GetValue(PullRequest),
        TokenEnv = parse.GetValue(TokenEnv)!,
        Summary = parse.GetValue(Summary),
        Verbose = parse.GetValue(Verbose),
    };

    /// <summary><c>--marker ID</c> as the HTML comment it stands for; an id that cannot live in one is bad input (exit 2).</summary>
    private static string CheckedMarker(string id)
    {
        try
        {
            return Core.Rendering.MarkdownOptions.MarkerFor(id.Trim());
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--marker '{id}' cannot be used: a marker id is not empty and has no '--', '>' or whitespace (it lives in an HTML comment)");
        }
    }

    /// <summary><c>--context</c>: GitHub shows it as the check's name; empty is bad input.</summary>
    private static string CheckedContext(string? context) =>
        context is { Length: > 0 } c && !string.IsNullOrWhiteSpace(c) ? c.Trim() : throw new UsageException("--context needs a name for the commit status, e.g. 'perfgate' or 'perfgate (linux)'");
}
