using PerfGate.Core.Tests.GitHub;

namespace PerfGate.Cli.Tests.GitHub;

/// <summary><c>--github-status</c>, <c>--context</c> and <c>--marker</c> through the CLI against the loopback fake GitHub.</summary>
public sealed class CommitStatusAndMarkerTests
{
    [Fact]
    public async Task A_failing_gate_sets_a_failure_status_on_the_prs_head_commit_with_the_headline_and_the_run_link()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent();

        var (code, output, error) = gate.Check(failing: true, "--github-status");

        code.ShouldBe(1, output + error);
        var (sha, status) = gate.Server.Statuses.ShouldHaveSingleItem();
        sha.ShouldBe(GitHubGate.HeadSha);
        status.GetProperty("state").GetString().ShouldBe("failure");
        status.GetProperty("context").GetString().ShouldBe("perfgate");
        var description = status.GetProperty("description").GetString()!;
        description.ShouldStartWith("PerfGate: 1 regression fails this build (");
        description.Length.ShouldBeLessThanOrEqualTo(140);
        status.GetProperty("target_url").GetString().ShouldBe("https://github.com/o/r/actions/runs/42");
        error.ShouldContain("perfgate: set the commit status 'perfgate' to failure on feedfac");
        gate.Server.Comments.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_passing_gate_in_a_matrix_reports_under_its_own_context_and_comment()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent();
        var other = gate.Server.AddComment("<!-- perfgate:report -->\nthe default gate's report", FakeGitHubServer.Bot, "Bot");

        var (code, output, error) = gate.Check(failing: false, "--github-status", "--github-comment", "--context", "perfgate (linux)", "--marker", "linux");

        code.ShouldBe(0, output + error);
        var status = gate.Server.Statuses.ShouldHaveSingleItem().Body;
        status.GetProperty("state").GetString().ShouldBe("success");
        status.GetProperty("context").GetString().ShouldBe("perfgate (linux)");
        status.GetProperty("description").GetString()!.ShouldStartWith("PerfGate: no regression above");
        other.Body.ShouldBe("<!-- perfgate:report -->\nthe default gate's report");
        gate.Server.Comments.Count.ShouldBe(2);
        gate.Server.Comments[1].Body.ShouldStartWith("<!-- perfgate:report:linux -->\n");
        File.ReadAllText(gate.Cli.Path("summary.md")).ShouldStartWith("<!-- perfgate:report:linux -->");

        // The same gate again updates its own comment, not the other gate's.
        gate.Check(failing: true, "--github-comment", "--marker", "linux").Code.ShouldBe(1);
        gate.Server.Comments.Count.ShouldBe(2);
        gate.Server.Comments[1].Body.ShouldContain("fails this build");
        other.Body.ShouldBe("<!-- perfgate:report -->\nthe default gate's report");
    }

    [Fact]
    public async Task A_status_the_token_may_not_set_is_one_line_and_the_verdict_keeps_the_exit_code()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent();
        gate.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"Resource not accessible by integration\"}", Method: "POST"));

        var (code, _, error) = gate.Check(failing: false, "--github-status");

        code.ShouldBe(0);
        error.Trim().ShouldBe("perfgate: cannot set the commit status 'perfgate' on feedfac: the token may not set statuses (a fork's pull_request token is read-only, or the job lacks `permissions: statuses: write`)");
    }

    [Fact]
    public async Task A_github_app_token_updates_its_own_bot_comment_named_by_github_bot_login()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent();
        gate.Server.ActorLogin = "perf-app[bot]";
        var actions = gate.Server.AddComment("<!-- perfgate:report -->\nolder, by the actions bot", FakeGitHubServer.Bot, "Bot");
        var app = gate.Server.AddComment("<!-- perfgate:report -->\nolder, by the app", "perf-app[bot]", "Bot");

        var (code, _, error) = gate.Check(failing: false, "--github-comment", "--github-bot-login", "perf-app[bot]");

        code.ShouldBe(0, error);
        error.ShouldContain("perfgate: updated the PR comment");
        app.Body.ShouldContain("no regression above");
        actions.Body.ShouldBe("<!-- perfgate:report -->\nolder, by the actions bot");
    }

    [Theory]
    [InlineData("--marker", "two words", "--marker 'two words' cannot be used")]
    [InlineData("--marker", "a--b", "--marker 'a--b' cannot be used")]
    [InlineData("--context", " ", "--context needs a name")]
    public async Task A_marker_or_context_that_cannot_work_is_bad_input(string option, string value, string message)
    {
        await using var gate = await GitHubGate.StartAsync();

        var (code, _, error) = gate.Check(failing: false, "--github-comment", option, value);

        code.ShouldBe(2, error);
        error.ShouldContain(message);
        gate.Server.Requests.ShouldBeEmpty();
    }
}
