using System.CommandLine;

namespace PerfGate.Cli.Commands;

/// <summary>
/// The options of <c>perfgate check</c> that judge, report, record and publish: built fresh for each verb that judges
/// (<c>check</c> and <c>ab</c>; an option belongs to one parent), read back into a <see cref="CheckRequest"/>.
/// </summary>
internal sealed class CheckOptions(CliEnvironment env)
{
    public Option<string[]> Baseline { get; } = CommonOptions.Paths("--baseline", "The committed baseline folder (baselines/) or BenchmarkDotNet result files/folders.", required: false);

    public Option<string> History { get; } = CommonOptions.History(env);

    public Option<string?> Config { get; } = new("--config") { Description = "perfgate.json with thresholds and targets (default: ./perfgate.json when present)." };

    public Option<string?> Markdown { get; } = new("--markdown") { Description = "Write the markdown report to this file." };

    public Option<string?> Json { get; } = new("--json") { Description = "Write the machine-readable verdict to this file (docs/verdict-schema.md)." };

    public Option<bool> Record { get; } = new("--record") { Description = "Store this run and its alerts in the history." };

    public Option<string?> Branch { get; } = new("--branch") { Description = "Branch to record under (default: from GitHub Actions variables or git, else main)." };

    public Option<string?> Commit { get; } = new("--commit") { Description = "Commit of this run (default: GITHUB_SHA or git HEAD)." };

    public Option<string> BaselineBranch { get; } = new("--baseline-branch") { Description = "Branch whose recorded runs form the rolling baseline.", DefaultValueFactory = _ => "main" };

    public Option<bool> IgnoreMissing { get; } = new("--ignore-missing") { Description = "Do not report baseline benchmarks absent from the results as removed (a filtered run)." };

    public Option<bool> AnyMachine { get; } = new("--any-machine") { Description = "Use history runs from any machine, not only ones with this run's fingerprint." };

    public Option<bool> GitHubComment { get; } = new("--github-comment") { Description = "Publish the report as one sticky PR comment, the job summary and annotations (GitHub Actions)." };

    public Option<int?> PullRequest { get; } = new("--pr") { Description = "Pull request number (default: from GITHUB_EVENT_PATH)." };

    public Option<string> TokenEnv { get; } = new("--token-env") { Description = "Environment variable holding the GitHub token.", DefaultValueFactory = _ => "GITHUB_TOKEN" };

    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public IEnumerable<Option> All =>
    [
        Baseline, History, Config, Markdown, Json, Record, Branch, Commit, BaselineBranch, IgnoreMissing, AnyMachine, GitHubComment, PullRequest, TokenEnv, Verbose,
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
        Record = parse.GetValue(Record),
        Branch = parse.GetValue(Branch),
        Commit = parse.GetValue(Commit),
        BaselineBranch = parse.GetValue(BaselineBranch)!,
        AnyMachine = parse.GetValue(AnyMachine),
        IgnoreMissing = parse.GetValue(IgnoreMissing),
        GitHubComment = parse.GetValue(GitHubComment),
        PullRequest = parse.GetValue(PullRequest),
        TokenEnv = parse.GetValue(TokenEnv)!,
        Verbose = parse.GetValue(Verbose),
    };
}
