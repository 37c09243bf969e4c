using System.Globalization;
using PerfGate.Core.GitHub;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>
/// The GitHub side of <c>perfgate check</c> (docs/github.md): reads the accept label (<c>--accept-label</c>), then
/// publishes the verdict: the full report to the job summary, annotations for regressions and warnings, one sticky PR
/// comment updated in place (<c>--github-comment</c>) and a commit status on the head commit (<c>--github-status</c>).
/// Publishing never changes the exit code: a token that cannot write (a fork's), an unreachable or broken API, or an
/// unwritable job summary gives one clear line on stderr, and the check still passes or fails on the benchmarks. The
/// whole step is bounded in time (<see cref="DefaultBound"/>, or <c>PERFGATE_GITHUB_TIMEOUT_SECONDS</c>), every
/// request's retries and waits included.
/// </summary>
internal sealed class GitHubStep : IDisposable
{
    public const string BoundVariable = "PERFGATE_GITHUB_TIMEOUT_SECONDS";

    /// <summary>The GitHub step never takes longer than this (docs/github.md, "Time bound").</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(2);

    private readonly CheckRequest _request;
    private readonly CliEnvironment _env;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _bound;

    private GitHubStep(CheckRequest request, CliEnvironment env)
    {
        _request = request;
        _env = env;
        Context = GitHubContext.FromEnvironment(env.Variables, request.PullRequest, request.TokenEnv);
        if (Context.IsGitHubActions && Context.Token is { } token)
        {
            env.Out.WriteLine(WorkflowCommands.AddMask(token));
        }

        _bound = Bound(env);

        // Every request may use the whole bound (a secondary rate limit asks for a minute), and all of them together
        // stop at the bound with the real cause in the message; the cancellation below is the backstop.
        var options = GitHubConnectionOptions.Default with
        {
            TotalBudget = _bound,
            ConnectionBudget = _bound,
            RequestTimeout = Min(GitHubConnectionOptions.Default.RequestTimeout, _bound / 3),
        };

        // Retries are logged with --verbose only: by default each part of the step says one line, its outcome.
        Action<string>? log = request.Verbose ? line => env.Error.WriteLine(Clean(line)) : null;
        Connection = new GitHubConnection(_http, Context.ApiUrl, Context.Token, options, log: log);
        _cancel = new CancellationTokenSource(_bound);
    }

    public GitHubContext Context { get; }

    public GitHubConnection Connection { get; }

    /// <summary>Whether the request asks for anything on GitHub.</summary>
    public static bool Wanted(CheckRequest request) => request.GitHubComment || request.GitHubStatus || request.AcceptLabel is not null;

    public static GitHubStep Open(CheckRequest request, CliEnvironment env) => new(request, env);

    /// <summary>
    /// When the verdict fails and <c>--accept-label</c> is on: whether a maintainer accepted the failures, for this PR
    /// (the label from the event) or, with <c>--record-accepted</c>, for the merged PR of <paramref name="commit"/>.
    /// One line on stderr either way; null when not accepted.
    /// </summary>
    public AcceptDecision.Accepted? FindAcceptance(Verdict verdict, string? commit)
    {
        if (verdict.Passed || _request.AcceptLabel is not { } label)
        {
            return null;
        }

        if (Context.Owner is not { } owner || Context.Repository is not { } repo || Context.Token is null)
        {
            _env.Error.WriteLine($"perfgate: the accept label was not checked: GITHUB_REPOSITORY or the token in {Context.TokenVariable} is missing");
            return null;
        }

        try
        {
            return Decide(new AcceptLabelCheck(Connection), owner, repo, label, commit);
        }
        catch (OperationCanceledException)
        {
            _env.Error.WriteLine(FormattableString.Invariant($"perfgate: not accepted: GitHub did not answer within {_bound.TotalSeconds} s, the GitHub step's bound ({BoundVariable})"));
            return null;
        }
    }

    private AcceptDecision.Accepted? Decide(AcceptLabelCheck check, string owner, string repo, string label, string? commit)
    {
        AcceptDecision? decision;
        if (_request.RecordAccepted)
        {
            if (commit is null)
            {
                _env.Error.WriteLine("perfgate: the accept label was not checked: the commit is unknown (--commit or GITHUB_SHA)");
                return null;
            }

            decision = Wait(check.CheckMergedAsync(owner, repo, commit, label, _cancel.Token));
            if (decision is null)
            {
                _env.Error.WriteLine($"perfgate: not accepted: {Short(commit)} did not come from a merged pull request");
                return null;
            }
        }
        else if (Context.PullRequestNumber is { } number)
        {
            decision = Wait(check.CheckAsync(owner, repo, number, label, Context.Labels, _cancel.Token));
        }
        else
        {
            _env.Error.WriteLine($"perfgate: not accepted: not a pull request (event '{Context.EventName ?? "unknown"}'); on main, use --record-accepted");
            return null;
        }

        switch (decision)
        {
            case AcceptDecision.Accepted accepted:
                _env.Error.WriteLine(Clean(FormattableString.Invariant($"perfgate: the failures are accepted by @{accepted.By} (label '{accepted.Label}' on PR #{accepted.PullRequest})")));
                return accepted;
            case AcceptDecision.NotAccepted no:
                _env.Error.WriteLine(Clean("perfgate: not accepted: " + no.Reason));
                return null;
            default:
                return null;
        }
    }

    /// <summary>Job summary, annotations, then the comment and the status as asked; one line per destination.</summary>
    public void Publish(Verdict verdict)
    {
        var github = Context;
        if (!_request.GitHubComment && !_request.GitHubStatus)
        {
            return; // --accept-label alone reads GitHub but publishes nothing
        }

        if (github.StepSummaryPath is { } summary)
        {
            try
            {
                var full = MarkdownReport.Render(verdict, MarkdownOptions.Full with { RunUrl = github.RunUrl, Marker = _request.Marker });
                JobSummaryWriter.Append(summary, full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _env.Error.WriteLine(Clean($"perfgate: cannot write the job summary ({e.Message}); the verdict is in the terminal output and the reports"));
            }
        }

        if (github.IsGitHubActions)
        {
            WorkflowCommands.WriteAnnotations(verdict, _env.Out);
        }

        if (_request.GitHubComment)
        {
            var comment = MarkdownReport.Render(verdict, MarkdownOptions.PullRequestComment with { RunUrl = github.RunUrl, Marker = _request.Marker });
            var publisher = new PullRequestCommentPublisher(new IssueCommentsClient(Connection), new PublisherOptions { FallbackAuthorLogin = _request.BotLogin });
            var outcome = Wait(publisher.PublishAsync(comment, _request.Marker, github, _cancel.Token));
            var line = outcome is PublishOutcome.Failed && _cancel.IsCancellationRequested && github.PullRequestNumber is { } number
                ? FormattableString.Invariant($"perfgate: cannot comment on PR #{number}: GitHub did not answer within {_bound.TotalSeconds} s, the GitHub step's bound ({BoundVariable}); the verdict is in the job summary")
                : outcome.Describe();
            _env.Error.WriteLine(Clean(line));
        }

        if (_request.GitHubStatus)
        {
            var status = NewCommitStatus.ForVerdict(verdict.Passed, "PerfGate: " + TerminalReport.Headline(verdict), github.RunUrl, _request.StatusContext);
            var outcome = Wait(new CommitStatusPublisher(new CommitStatusesClient(Connection)).PublishAsync(status, github, _cancel.Token));
            _env.Error.WriteLine(Clean(outcome.Describe()));
        }
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _http.Dispose();
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

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private string Clean(string line) => (Context.Token is null ? line : Context.Token.Redact(line)).ReplaceLineEndings(" ");

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
