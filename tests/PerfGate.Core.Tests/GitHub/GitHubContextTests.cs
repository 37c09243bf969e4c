using PerfGate.Core.GitHub;

namespace PerfGate.Core.Tests.GitHub;

public sealed class GitHubContextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-ctx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pull_request_event_gives_number_head_sha_and_everything_else()
    {
        var env = Env(Event("""{"number": 12, "pull_request": {"number": 12, "head": {"sha": "headsha1"}}}"""));

        var ctx = GitHubContext.FromEnvironment(env, prOverride: null);

        ctx.Token!.Reveal().ShouldBe("ghs_FAKEtoken1234567890");
        ctx.Owner.ShouldBe("octo-org");
        ctx.Repository.ShouldBe("perf-repo");
        ctx.PullRequestNumber.ShouldBe(12);
        ctx.HeadSha.ShouldBe("headsha1");
        ctx.Sha.ShouldBe("mergesha");
        ctx.ApiUrl.ShouldBe(new Uri("https://ghe.example.com/api/v3/"));
        ctx.StepSummaryPath.ShouldBe("/tmp/summary.md");
        ctx.EventName.ShouldBe("pull_request");
        ctx.HeadRef.ShouldBe("feature/x");
        ctx.IsGitHubActions.ShouldBeTrue();
        ctx.RunUrl.ShouldBe(new Uri("https://ghe.example.com/octo-org/perf-repo/actions/runs/4242"));
        ctx.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Workflow_run_event_reads_the_first_pull_request()
    {
        var ctx = GitHubContext.FromEnvironment(Env(Event("""{"workflow_run": {"head_sha": "runsha", "pull_requests": [{"number": 7}]}}""")));

        ctx.PullRequestNumber.ShouldBe(7);
        ctx.HeadSha.ShouldBe("runsha");
    }

    [Fact]
    public void Workflow_run_from_a_fork_has_no_pull_request_in_the_payload()
    {
        var ctx = GitHubContext.FromEnvironment(Env(Event("""{"workflow_run": {"head_sha": "runsha", "pull_requests": []}}""")));

        ctx.PullRequestNumber.ShouldBeNull();
    }

    [Fact]
    public void Top_level_number_is_used_when_there_is_no_pull_request_object() =>
        GitHubContext.FromEnvironment(Env(Event("""{"number": 33}"""))).PullRequestNumber.ShouldBe(33);

    [Fact]
    public void Override_wins_over_the_event() =>
        GitHubContext.FromEnvironment(Env(Event("""{"number": 33}""")), prOverride: 99).PullRequestNumber.ShouldBe(99);

    [Fact]
    public void Named_token_variable_is_read()
    {
        var env = new Dictionary<string, string?>(Env(null)) { ["PERFGATE_TOKEN"] = "ghp_other" };

        var ctx = GitHubContext.FromEnvironment(env, null, "PERFGATE_TOKEN");

        ctx.Token!.Reveal().ShouldBe("ghp_other");
        ctx.TokenVariable.ShouldBe("PERFGATE_TOKEN");
    }

    [Fact]
    public void Push_event_without_variables_uses_defaults_and_reports_problems()
    {
        var ctx = GitHubContext.FromEnvironment(new Dictionary<string, string?>
        {
            ["GITHUB_EVENT_PATH"] = Path.Combine(_dir, "missing.json"),
            ["GITHUB_TOKEN"] = "",
        });

        ctx.Token.ShouldBeNull();
        ctx.ApiUrl.ShouldBe(new Uri("https://api.github.com/"));
        ctx.PullRequestNumber.ShouldBeNull();
        ctx.Problems.ShouldHaveSingleItem().ShouldContain("GITHUB_EVENT_PATH");
    }

    [Fact]
    public void Malformed_event_file_is_a_problem_not_an_exception()
    {
        var ctx = GitHubContext.FromEnvironment(Env(Event("{ not json")));

        ctx.PullRequestNumber.ShouldBeNull();
        ctx.Problems.ShouldHaveSingleItem();
    }

    [Fact]
    public void Printing_the_context_hides_the_token()
    {
        var ctx = GitHubContext.FromEnvironment(Env(null));

        ctx.ToString().ShouldNotContain("ghs_FAKEtoken1234567890");
        ctx.ToString().ShouldContain("Token = ***");
        $"{ctx.Token}".ShouldBe("***");
    }

    private string Event(string json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Dictionary<string, string?> Env(string? eventPath) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_TOKEN"] = "ghs_FAKEtoken1234567890",
        ["GITHUB_API_URL"] = "https://ghe.example.com/api/v3",
        ["GITHUB_SERVER_URL"] = "https://ghe.example.com",
        ["GITHUB_REPOSITORY"] = "octo-org/perf-repo",
        ["GITHUB_EVENT_PATH"] = eventPath,
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_STEP_SUMMARY"] = "/tmp/summary.md",
        ["GITHUB_SHA"] = "mergesha",
        ["GITHUB_RUN_ID"] = "4242",
        ["GITHUB_HEAD_REF"] = "feature/x",
    };
}
