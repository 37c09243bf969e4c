using PerfGate.Core.Tests.GitHub;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// GitHub faults through the real CLI process (issue 6, part 3): <c>perfgate check --github-comment</c> against the
/// loopback fake API. Each fault gives one clear line on stderr, the exit code is the benchmarks' verdict (docs/github.md),
/// and the step ends within its time bound (PERFGATE_GITHUB_TIMEOUT_SECONDS) plus slack for starting the process.
/// </summary>
[Trait("Category", "Hardening")]
[Collection(TimedProcesses.Name)]
public sealed class GitHubFaultTests(ITestOutputHelper log)
{
    private const int Bound = 8;

    // Process start-up, parsing and judging on a busy 2-core machine, on top of the GitHub step's own bound.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(Fault.None, false, "perfgate: posted the report as a new PR comment")]
    [InlineData(Fault.Refused, false, "could not reach the GitHub API at 127.0.0.1")]
    [InlineData(Fault.Refused, true, "could not reach the GitHub API at 127.0.0.1")]
    [InlineData(Fault.NeverAnswers, false, "NEVER")]
    [InlineData(Fault.NeverAnswers, true, "NEVER")]
    [InlineData(Fault.MalformedJson, false, "returned a body that is not the expected JSON")]
    [InlineData(Fault.MalformedJson, true, "returned a body that is not the expected JSON")]
    [InlineData(Fault.DeletedBetweenListAndUpdate, false, "perfgate: posted the report as a new PR comment")]
    [InlineData(Fault.DeletedBetweenListAndUpdate, true, "perfgate: posted the report as a new PR comment")]
    [InlineData(Fault.ServerErrors, false, "returned 500 Internal Server Error: Server Error (gave up after")]
    [InlineData(Fault.ServerErrors, true, "returned 500 Internal Server Error: Server Error (gave up after")]
    [InlineData(Fault.SummaryIsAFolder, true, "perfgate: cannot write the job summary")]
    [InlineData(Fault.MarkerPlantedByAnother, true, "perfgate: posted the report as a new PR comment")]
    [InlineData(Fault.SecondaryRateLimit, false, "GitHub's rate limit outlasted the retry budget (GitHub asked to wait 60 s)")]
    [InlineData(Fault.CreateAnswerLost, true, "perfgate: posted the report as a new PR comment")]
    public async Task A_github_fault_gives_one_clear_line_and_the_verdicts_exit_code_without_hanging(Fault fault, bool failing, string expected)
    {
        await using var server = await FakeGitHubServer.StartAsync();
        using var cli = new CliRunner();
        var api = GitHubCli.Arrange(fault, server, cli);
        var summary = cli.Path("summary.md");
        var variables = GitHubCli.Variables(api, summary, actions: false, Bound);

        var run = PerfGateProcess.Run(
            ["check", "--results", GitHubCli.Results(cli, failing), "--baseline", GitHubCli.Run1, "--github-comment", "--pr", "12"],
            variables, cli.Directory, TimeSpan.FromSeconds(Bound) + Slack + Slack);
        log.WriteLine($"{fault}: exit {run.Code} after {run.Elapsed.TotalSeconds:0.0} s; stderr: {run.Error.Trim()}");

        run.Code.ShouldBe(failing ? 1 : 0, run.ToString());
        run.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(Bound) + Slack);
        var lines = run.ErrorLines;
        if (fault == Fault.SummaryIsAFolder)
        {
            // The summary fails, the comment still goes out: two outcome lines, one per destination.
            lines.Length.ShouldBe(2, run.ToString());
            lines[0].ShouldStartWith(expected);
            lines[1].ShouldStartWith("perfgate: posted the report as a new PR comment");
            return;
        }

        var line = lines.ShouldHaveSingleItem(run.ToString());
        line.ShouldStartWith("perfgate: ");
        if (fault == Fault.NeverAnswers)
        {
            // Whichever ends first: the request's own retries ("timed out after 2.667 s … gave up") or the step's bound.
            line.ShouldMatch($"timed out after .*gave up after|GitHub did not answer within {Bound} s, the GitHub step's bound \\(PERFGATE_GITHUB_TIMEOUT_SECONDS\\)");
        }
        else
        {
            line.ShouldContain(expected, Case.Sensitive);
        }

        if (!line.StartsWith("perfgate: posted", StringComparison.Ordinal))
        {
            line.ShouldStartWith("perfgate: cannot comment on PR #12: ");
            line.ShouldEndWith("; the verdict is in the job summary");
        }

        File.ReadAllText(summary).ShouldContain(GitHubCli.Marker);
        if (fault == Fault.DeletedBetweenListAndUpdate)
        {
            server.Comments.ShouldHaveSingleItem().Body.ShouldStartWith(GitHubCli.Marker);
            server.CountRequests("PATCH").ShouldBe(1);
            server.CountRequests("POST").ShouldBe(1);
        }

        if (fault == Fault.MarkerPlantedByAnother)
        {
            server.Comments.Count.ShouldBe(2);
            server.Comments[0].Body.ShouldBe(GitHubCli.Planted);
            server.CountRequests("PATCH").ShouldBe(0);
        }

        if (fault == Fault.SecondaryRateLimit)
        {
            line.ShouldNotContain("read-only");
        }

        if (fault == Fault.CreateAnswerLost)
        {
            server.Comments.ShouldHaveSingleItem().Body.ShouldStartWith(GitHubCli.Marker);
            server.CountRequests("POST").ShouldBe(1);
        }
    }

    [Fact]
    public async Task Retries_are_one_line_each_with_verbose_only()
    {
        await using var server = await FakeGitHubServer.StartAsync();
        using var cli = new CliRunner();
        server.Script.Enqueue(new Scripted(502, Body: "{\"message\":\"Bad Gateway\"}"));
        var variables = GitHubCli.Variables(server.ApiUrl.AbsoluteUri, cli.Path("summary.md"), actions: false, Bound);

        var run = PerfGateProcess.Run(
            ["check", "--results", GitHubCli.Run2, "--baseline", GitHubCli.Run1, "--github-comment", "--pr", "12", "--verbose"],
            variables, cli.Directory);

        run.Code.ShouldBe(0, run.ToString());
        run.ErrorLines.Length.ShouldBe(2, run.ToString());
        run.ErrorLines[0].ShouldStartWith("perfgate: GitHub API GET /repos/o/r/issues/12/comments returned 502 Bad Gateway: Bad Gateway; retrying in ");
        run.ErrorLines[1].ShouldStartWith("perfgate: posted the report as a new PR comment");
    }

    [Fact]
    public async Task A_time_bound_that_is_not_a_number_is_ignored_with_a_note()
    {
        await using var server = await FakeGitHubServer.StartAsync();
        using var cli = new CliRunner();
        var variables = GitHubCli.Variables(server.ApiUrl.AbsoluteUri, cli.Path("summary.md"), actions: false, Bound);
        variables["PERFGATE_GITHUB_TIMEOUT_SECONDS"] = "soon";

        var run = PerfGateProcess.Run(
            ["check", "--results", GitHubCli.Run2, "--baseline", GitHubCli.Run1, "--github-comment", "--pr", "12"],
            variables, cli.Directory);

        run.Code.ShouldBe(0, run.ToString());
        run.ErrorLines.Length.ShouldBe(2, run.ToString());
        run.ErrorLines[0].ShouldBe("perfgate: ignoring PERFGATE_GITHUB_TIMEOUT_SECONDS='soon' (not a whole number of seconds, 1 or more); using 120 s");
        run.ErrorLines[1].ShouldStartWith("perfgate: posted the report as a new PR comment");
    }
}
