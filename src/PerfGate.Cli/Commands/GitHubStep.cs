using PerfGate.Core.GitHub;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>
/// Publishes a verdict to GitHub (docs/github.md): the full report to the job summary, annotations for regressions
/// and warnings, and one sticky PR comment updated in place. Never changes the exit code: a token that cannot
/// comment (a fork's) gives one clear line, and the check still passes or fails on the benchmarks.
/// </summary>
internal static class GitHubStep
{
    public static void Publish(Verdict verdict, CheckRequest request, CliEnvironment env)
    {
        var github = GitHubContext.FromEnvironment(env.Variables, request.PullRequest, request.TokenEnv);
        if (github.IsGitHubActions && github.Token is { } token)
        {
            env.Out.WriteLine(WorkflowCommands.AddMask(token));
        }

        var full = MarkdownReport.Render(verdict, MarkdownOptions.Full with { RunUrl = github.RunUrl });
        if (github.StepSummaryPath is { } summary)
        {
            JobSummaryWriter.Append(summary, full);
        }

        if (github.IsGitHubActions)
        {
            WorkflowCommands.WriteAnnotations(verdict, env.Out);
        }

        var comment = MarkdownReport.Render(verdict, MarkdownOptions.PullRequestComment with { RunUrl = github.RunUrl });
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var connection = new GitHubConnection(http, github.ApiUrl, github.Token, log: env.Error.WriteLine);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var outcome = new PullRequestCommentPublisher(new IssueCommentsClient(connection))
            .PublishAsync(comment, MarkdownOptions.DefaultMarker, github, cancel.Token)
            .GetAwaiter().GetResult();
        env.Error.WriteLine(outcome.Describe());
    }
}
