using System.Globalization;
using PerfGate.Core.GitHub;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>
/// Publishes a verdict to GitHub (docs/github.md): the full report to the job summary, annotations for regressions
/// and warnings, and one sticky PR comment updated in place. Never changes the exit code: a token that cannot
/// comment (a fork's), an unreachable or broken API, or an unwritable job summary gives one clear line on stderr,
/// and the check still passes or fails on the benchmarks. The whole step is bounded in time
/// (<see cref="DefaultBound"/>, or <c>PERFGATE_GITHUB_TIMEOUT_SECONDS</c>).
/// </summary>
internal static class GitHubStep
{
    public const string BoundVariable = "PERFGATE_GITHUB_TIMEOUT_SECONDS";

    /// <summary>The GitHub step never takes longer than this (docs/github.md, "Time bound").</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(2);

    public static void Publish(Verdict verdict, CheckRequest request, CliEnvironment env)
    {
        var github = GitHubContext.FromEnvironment(env.Variables, request.PullRequest, request.TokenEnv);
        if (github.IsGitHubActions && github.Token is { } token)
        {
            env.Out.WriteLine(WorkflowCommands.AddMask(token));
        }

        string Clean(string line) => (github.Token is null ? line : github.Token.Redact(line)).ReplaceLineEndings(" ");

        var bound = Bound(env);
        if (github.StepSummaryPath is { } summary)
        {
            try
            {
                var full = MarkdownReport.Render(verdict, MarkdownOptions.Full with { RunUrl = github.RunUrl });
                JobSummaryWriter.Append(summary, full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                env.Error.WriteLine(Clean($"perfgate: cannot write the job summary ({e.Message}); the verdict is in the terminal output and the reports"));
            }
        }

        if (github.IsGitHubActions)
        {
            WorkflowCommands.WriteAnnotations(verdict, env.Out);
        }

        var comment = MarkdownReport.Render(verdict, MarkdownOptions.PullRequestComment with { RunUrl = github.RunUrl });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // One request's retries fit inside the step's bound, so a dead API ends with GitHub's own message, not a cancel.
        var connectionOptions = GitHubConnectionOptions.Default with
        {
            TotalBudget = Min(GitHubConnectionOptions.Default.TotalBudget, bound),
            RequestTimeout = Min(GitHubConnectionOptions.Default.RequestTimeout, bound / 3),
        };
        // Retries are logged with --verbose only: by default the step says one line, its outcome.
        Action<string>? log = request.Verbose ? line => env.Error.WriteLine(Clean(line)) : null;
        var connection = new GitHubConnection(http, github.ApiUrl, github.Token, connectionOptions, log: log);
        using var cancel = new CancellationTokenSource(bound);
        var outcome = new PullRequestCommentPublisher(new IssueCommentsClient(connection))
            .PublishAsync(comment, MarkdownOptions.DefaultMarker, github, cancel.Token)
            .GetAwaiter().GetResult();
        var line = outcome is PublishOutcome.Failed && cancel.IsCancellationRequested && github.PullRequestNumber is { } number
            ? FormattableString.Invariant($"perfgate: cannot comment on PR #{number}: GitHub did not answer within {bound.TotalSeconds} s, the GitHub step's bound ({BoundVariable}); the verdict is in the job summary")
            : outcome.Describe();
        env.Error.WriteLine(Clean(line));
    }

    /// <summary>The bound on the whole step: <see cref="DefaultBound"/>, or <c>PERFGATE_GITHUB_TIMEOUT_SECONDS</c> (1 or more; another value is ignored with a note).</summary>
    internal static TimeSpan Bound(CliEnvironment env)
    {
        if (env.Get(BoundVariable) is not { } text)
        {
            return DefaultBound;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        env.Error.WriteLine(FormattableString.Invariant(
            $"perfgate: ignoring {BoundVariable}='{text}' (not a whole number of seconds, 1 or more); using {DefaultBound.TotalSeconds} s"));
        return DefaultBound;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
