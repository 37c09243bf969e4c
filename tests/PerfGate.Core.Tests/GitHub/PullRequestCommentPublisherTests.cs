using System.Diagnostics;
using System.Net.Sockets;
using PerfGate.Core.GitHub;
using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.GitHub;

/// <summary>The publisher against a real HTTP server on loopback.</summary>
public sealed class PullRequestCommentPublisherTests
{
    private const string Report1 = PublisherHarness.Marker + "\n✅ **PerfGate: no regression above 20%**\n";
    private const string Report2 = PublisherHarness.Marker + "\n❌ **PerfGate: 1 regression fails this build**\n";

    [Fact]
    public async Task Two_publishes_create_then_update_one_comment()
    {
        await using var h = await PublisherHarness.StartAsync();

        var first = await h.PublishAsync(Report1);
        var second = await h.PublishAsync(Report2);

        first.ShouldBeOfType<PublishOutcome.Created>();
        var updated = second.ShouldBeOfType<PublishOutcome.Updated>();
        updated.CommentId.ShouldBe(((PublishOutcome.Created)first).CommentId);
        h.Server.Comments.Count.ShouldBe(1);
        h.Server.Comments[0].Body.ShouldBe(Report2);
        h.Server.CountRequests("POST").ShouldBe(1);
        h.Server.CountRequests("PATCH").ShouldBe(1);
    }

    [Fact]
    public async Task Publishing_the_same_report_again_changes_nothing()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.PublishAsync(Report1);

        var again = await h.PublishAsync(Report1);

        again.ShouldBeOfType<PublishOutcome.Skipped>().Reason.ShouldContain("up to date");
        h.Server.Comments.Count.ShouldBe(1);
        h.Server.CountRequests("PATCH").ShouldBe(0);
    }

    [Fact]
    public async Task Marker_on_page_three_is_found_and_updated()
    {
        await using var h = await PublisherHarness.StartAsync();
        for (var i = 0; i < 240; i++)
        {
            h.Server.AddComment("LGTM " + i);
        }

        var ours = h.Server.AddComment(Report1, FakeGitHubServer.Bot, "Bot");
        for (var i = 0; i < 9; i++)
        {
            h.Server.AddComment("nit " + i);
        }

        var outcome = await h.PublishAsync(Report2);

        outcome.ShouldBeOfType<PublishOutcome.Updated>().CommentId.ShouldBe(ours.Id);
        h.Server.Comments.Count.ShouldBe(250);
        var lists = h.Server.Requests.Where(r => r.Method == "GET" && r.PathAndQuery.Contains("/comments", StringComparison.Ordinal)).Select(r => r.PathAndQuery).ToList();
        lists.Count.ShouldBe(3);
        lists[0].ShouldEndWith("/issues/12/comments?per_page=100");
        lists[2].ShouldEndWith("page=3");
    }

    [Fact]
    public async Task Prefers_the_bots_comment_when_a_human_quoted_the_marker()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.AddComment("> " + Report1 + "\nwhy is this slower?", "alice");
        var ours = h.Server.AddComment(Report1, FakeGitHubServer.Bot, "Bot");

        var outcome = await h.PublishAsync(Report2);

        outcome.ShouldBeOfType<PublishOutcome.Updated>().CommentId.ShouldBe(ours.Id);
        h.Server.Comments[0].Body.ShouldStartWith("> ");
    }

    [Fact]
    public async Task A_marker_comment_written_by_someone_else_is_never_edited()
    {
        await using var h = await PublisherHarness.StartAsync();
        var planted = h.Server.AddComment(Report1 + "\nplanted by a contributor", "mallory");

        var outcome = await h.PublishAsync(Report2);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Server.CountRequests("PATCH").ShouldBe(0);
        planted.Body.ShouldBe(Report1 + "\nplanted by a contributor");
        h.Server.Comments.Count.ShouldBe(2);
        h.Server.Comments[1].Login.ShouldBe(FakeGitHubServer.Bot);
        h.Server.Comments[1].Body.ShouldBe(Report2);
    }

    [Fact]
    public async Task A_token_that_can_say_who_it_is_updates_only_its_own_comment()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.UserEndpointAnswers = true;
        h.Server.ActorLogin = "perf-service-account";
        h.Server.ActorType = "User";
        var bots = h.Server.AddComment(Report1, FakeGitHubServer.Bot, "Bot");
        var ours = h.Server.AddComment(Report1, "perf-service-account");

        var outcome = await h.PublishAsync(Report2);

        outcome.ShouldBeOfType<PublishOutcome.Updated>().CommentId.ShouldBe(ours.Id);
        bots.Body.ShouldBe(Report1);
        h.Server.Requests.Count(r => r.PathAndQuery == "/user").ShouldBe(1);
    }

    [Fact]
    public async Task When_get_user_is_forbidden_the_configured_bot_login_is_ours()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.ActorLogin = "perf-app[bot]";
        var actions = h.Server.AddComment(Report1, FakeGitHubServer.Bot, "Bot");
        var app = h.Server.AddComment(Report1, "perf-app[bot]", "Bot");
        var publisher = new PullRequestCommentPublisher(h.Comments, new PublisherOptions { FallbackAuthorLogin = "perf-app[bot]" });

        var outcome = await publisher.PublishAsync(Report2, PublisherHarness.Marker, h.Context);

        outcome.ShouldBeOfType<PublishOutcome.Updated>().CommentId.ShouldBe(app.Id);
        actions.Body.ShouldBe(Report1);
    }

    [Fact]
    public async Task No_marker_comment_means_no_question_about_who_the_token_is()
    {
        await using var h = await PublisherHarness.StartAsync();

        (await h.PublishAsync(Report1)).ShouldBeOfType<PublishOutcome.Created>();

        h.Server.Requests.ShouldNotContain(r => r.PathAndQuery == "/user");
    }

    [Theory]
    [InlineData(502, false)]
    [InlineData(500, false)]
    [InlineData(0, true)]
    public async Task A_creation_whose_answer_is_lost_is_not_posted_twice(int status, bool hang)
    {
        var options = new GitHubConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(2) };
        await using var h = await PublisherHarness.StartAsync(options);
        h.Server.Script.Enqueue(new Scripted(status, "{\"message\":\"Bad Gateway\"}", Method: "POST", Hang: hang, Lands: true));

        var outcome = await h.PublishAsync(Report1);

        var created = outcome.ShouldBeOfType<PublishOutcome.Created>();
        var comment = h.Server.Comments.ShouldHaveSingleItem();
        comment.Body.ShouldBe(Report1);
        created.CommentId.ShouldBe(comment.Id);
        h.Server.CountRequests("POST").ShouldBe(1);

        // After the lost answer: the comments listed again, and the token asked who it is to recognise its own.
        var after = h.Server.Requests.SkipWhile(r => r.Method != "POST").Skip(1).Select(r => r.PathAndQuery).ToList();
        after.ShouldContain("/repos/octo-org/perf-repo/issues/12/comments?per_page=100");
        after.ShouldContain("/user");
    }

    [Fact]
    public async Task A_creation_that_failed_without_landing_is_tried_again_after_a_fresh_list()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(502, Method: "POST"));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Server.Comments.ShouldHaveSingleItem().Body.ShouldBe(Report1);
        h.Server.Requests.Select(r => r.Method).ShouldBe(["GET", "POST", "GET", "POST"]);
    }

    [Fact]
    public async Task Creation_gives_up_after_its_tries_with_githubs_message()
    {
        await using var h = await PublisherHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            h.Server.Script.Enqueue(new Scripted(503, "{\"message\":\"Service Unavailable\"}", Method: "POST"));
        }

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message.ShouldContain("POST /repos/octo-org/perf-repo/issues/12/comments returned 503");
        h.Server.Comments.ShouldBeEmpty();
        h.Server.CountRequests("POST").ShouldBe(3);
    }

    [Fact]
    public async Task Secondary_rate_limit_named_only_in_the_message_waits_a_minute_then_posts()
    {
        var options = new GitHubConnectionOptions { TotalBudget = TimeSpan.FromSeconds(120) };
        await using var h = await PublisherHarness.StartAsync(options);
        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}", Method: "POST"));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Clock.Delays.ShouldBe([TimeSpan.FromSeconds(60)]);
        h.Server.Comments.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Secondary_rate_limit_beyond_the_budget_is_named_not_taken_for_a_read_only_token()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}", Method: "POST"));

        var outcome = await h.PublishAsync(Report1);

        var failed = outcome.ShouldBeOfType<PublishOutcome.Failed>();
        failed.Message.ShouldContain("rate limit outlasted the retry budget (GitHub asked to wait 60 s)");
        failed.Message.ShouldNotContain("read-only");
        h.Clock.Delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_step_budget_spans_requests_so_a_late_wait_is_not_taken()
    {
        var options = new GitHubConnectionOptions { TotalBudget = TimeSpan.FromSeconds(60), ConnectionBudget = TimeSpan.FromSeconds(90) };
        await using var h = await PublisherHarness.StartAsync(options);
        h.Server.Script.Enqueue(new Scripted(429, Headers: new() { ["Retry-After"] = "50" }, Method: "GET"));
        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"secondary rate limit\"}", new() { ["Retry-After"] = "50" }, Method: "POST"));

        var outcome = await h.PublishAsync(Report1);

        var failed = outcome.ShouldBeOfType<PublishOutcome.Failed>();
        failed.Message.ShouldContain("waiting 50 s more would exceed the GitHub step's 90 s budget");
        failed.Message.ShouldContain("rate limit");
        h.Clock.Delays.ShouldBe([TimeSpan.FromSeconds(50)]);
        h.Server.Comments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Server_error_then_success_retries_with_backoff()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(500, Method: "GET"));
        h.Server.Script.Enqueue(new Scripted(502, Method: "GET"));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Clock.Delays.Count.ShouldBe(2);
        h.Clock.Delays[0].ShouldBeInRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)); // 1 s step, equal jitter
        h.Clock.Delays[1].ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        h.Log.Count.ShouldBe(2);
        h.Log[0].ShouldContain("returned 500");
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(429, Headers: new() { ["Retry-After"] = "1" }));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Clock.Delays.ShouldBe([TimeSpan.FromSeconds(1)]);
    }

    [Fact]
    public async Task Secondary_rate_limit_waits_until_the_reset()
    {
        await using var h = await PublisherHarness.StartAsync();
        var reset = h.Clock.GetUtcNow().AddSeconds(7).ToUnixTimeSeconds();
        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"API rate limit exceeded\"}", new()
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Clock.Delays.Single().ShouldBeInRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Retry_after_beyond_the_budget_gives_up_without_waiting()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(429, Headers: new() { ["Retry-After"] = "120" }));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message.ShouldContain("budget");
        h.Clock.Delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task Fork_token_403_fails_with_one_clear_line_and_no_retry()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"Resource not accessible by integration\"}", Method: "POST"));

        var outcome = await h.PublishAsync(Report1);

        var failed = outcome.ShouldBeOfType<PublishOutcome.Failed>();
        failed.Message.ShouldStartWith("perfgate: cannot comment on PR #12: the token is read-only (a fork's pull_request token cannot write");
        failed.Message.ShouldEndWith("; the verdict is in the job summary");
        failed.Message.ShouldNotContain("\n");
        h.Server.CountRequests("POST").ShouldBe(1);
        h.Clock.Delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rejected_token_fails_with_one_clear_line()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(401, "{\"message\":\"Bad credentials\"}"));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message
            .ShouldBe("perfgate: cannot comment on PR #12: the token in GITHUB_TOKEN was rejected (401: expired or revoked); the verdict is in the job summary");
    }

    [Fact]
    public async Task Connection_refused_fails_within_the_bound()
    {
        var port = ClosedPort();
        await using var h = await PublisherHarness.StartAsync(apiUrl: new Uri($"http://127.0.0.1:{port}/"));
        var watch = Stopwatch.StartNew();

        var outcome = await h.PublishAsync(Report1);

        var failed = outcome.ShouldBeOfType<PublishOutcome.Failed>();
        failed.Message.ShouldContain("could not reach the GitHub API at 127.0.0.1");
        failed.Message.ShouldContain("gave up after 5 attempts");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        h.Clock.Delays.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Timeout_fails_within_the_bound()
    {
        var options = new GitHubConnectionOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 3, TotalBudget = TimeSpan.FromSeconds(30) };
        await using var h = await PublisherHarness.StartAsync(options);
        for (var i = 0; i < 3; i++)
        {
            h.Server.Script.Enqueue(new Scripted(0, Hang: true));
        }

        var watch = Stopwatch.StartNew();
        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message.ShouldContain("timed out after 0.3 s");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        h.Server.CountRequests("GET").ShouldBe(3);
    }

    [Fact]
    public async Task Total_budget_bounds_hanging_attempts()
    {
        var options = new GitHubConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(30), MaxAttempts = 10, TotalBudget = TimeSpan.FromMilliseconds(500) };
        await using var h = await PublisherHarness.StartAsync(options);
        for (var i = 0; i < 10; i++)
        {
            h.Server.Script.Enqueue(new Scripted(0, Hang: true));
        }

        var watch = Stopwatch.StartNew();
        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Malformed_json_fails_without_retrying()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(200, "[{\"id\": 1, \"body\": \"<!-- perfgate", Method: "GET"));

        var outcome = await h.PublishAsync(Report1);

        var failed = outcome.ShouldBeOfType<PublishOutcome.Failed>();
        failed.Message.ShouldContain("is not the expected JSON");
        failed.Message.ShouldNotContain("<!-- perfgate");
        h.Server.CountRequests("GET").ShouldBe(1);
        h.Server.CountRequests("POST").ShouldBe(0);
    }

    [Fact]
    public async Task Comment_deleted_between_list_and_update_is_posted_anew()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.PublishAsync(Report1);
        h.Server.AfterList = () =>
        {
            h.Server.Comments.Clear();
            h.Server.AfterList = null;
        };

        var outcome = await h.PublishAsync(Report2);

        outcome.ShouldBeOfType<PublishOutcome.Created>();
        h.Server.Comments.Single().Body.ShouldBe(Report2);
    }

    [Fact]
    public async Task Token_never_appears_in_outcomes_messages_or_logs()
    {
        await using var h = await PublisherHarness.StartAsync();
        var seen = new List<string>();

        h.Server.Script.Enqueue(new Scripted(500, "{\"message\":\"oops " + PublisherHarness.FakeToken + "\"}"));
        h.Server.Script.Enqueue(new Scripted(429, Headers: new() { ["Retry-After"] = "1" }));
        seen.Add((await h.PublishAsync(Report1)).Describe());

        h.Server.Script.Enqueue(new Scripted(403, "{\"message\":\"Resource not accessible by integration\"}"));
        seen.Add((await h.PublishAsync(Report2)).Describe());

        h.Server.Script.Enqueue(new Scripted(404, "{\"message\":\"Not Found " + PublisherHarness.FakeToken + "\"}"));
        var ex = await Should.ThrowAsync<GitHubNotFoundException>(() => h.Comments.ListForIssueAsync("octo-org", "perf-repo", 12));
        seen.Add(ex.Message);
        seen.Add(ex.ToString());
        seen.Add(h.Context.ToString());
        seen.Add(h.Context.Token!.ToString());
        seen.AddRange(h.Log);

        seen.ShouldNotBeEmpty();
        seen.ShouldAllBe(text => !text.Contains(PublisherHarness.FakeToken));
        ex.Message.ShouldContain("Not Found ***");

        // It was sent, once per request, where it belongs.
        h.Server.Requests.ShouldAllBe(r => r.Headers["Authorization"] == "Bearer " + PublisherHarness.FakeToken);
    }

    [Fact]
    public async Task Requests_carry_githubs_headers()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.PublishAsync(Report1);

        var request = h.Server.Requests.First();
        request.Headers["Accept"].ShouldBe("application/vnd.github+json");
        request.Headers["X-GitHub-Api-Version"].ShouldBe("2022-11-28");
        request.Headers["User-Agent"].ShouldBe("PerfGate");
        var post = h.Server.Requests.Single(r => r.Method == "POST");
        post.Headers["Content-Type"].ShouldStartWith("application/json");
        post.PathAndQuery.ShouldBe("/repos/octo-org/perf-repo/issues/12/comments");
    }

    [Fact]
    public async Task Fixed_verdict_markdown_arrives_exactly_as_the_golden_file()
    {
        await using var h = await PublisherHarness.StartAsync();
        var markdown = MarkdownReport.Render(SampleVerdicts.Fixed());

        (await h.PublishAsync(markdown)).ShouldBeOfType<PublishOutcome.Created>();

        var golden = File.ReadAllText(RepoPaths.Expected("fixed-verdict.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        h.Server.Comments.Single().Body.ShouldBe(golden);
    }

    [Fact]
    public async Task Five_thousand_benchmark_report_is_accepted_under_githubs_limit()
    {
        await using var h = await PublisherHarness.StartAsync();
        var markdown = MarkdownReport.Render(SampleVerdicts.Large(5_000));

        (await h.PublishAsync(markdown)).ShouldBeOfType<PublishOutcome.Created>();
        h.Server.Comments.Single().Body.Length.ShouldBeLessThanOrEqualTo(65_536);
    }

    [Fact]
    public async Task Report_over_the_limit_is_refused_before_calling_github()
    {
        await using var h = await PublisherHarness.StartAsync();
        var markdown = MarkdownReport.Render(SampleVerdicts.Large(5_000), MarkdownOptions.Full);

        var outcome = await h.PublishAsync(markdown);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message.ShouldContain("over GitHub's 65,536 limit");
        h.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pagination_refuses_links_to_another_host()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.Script.Enqueue(new Scripted(200, "[]", new() { ["Link"] = "<https://evil.example/steal?page=2>; rel=\"next\"" }));

        var outcome = await h.PublishAsync(Report1);

        outcome.ShouldBeOfType<PublishOutcome.Failed>().Message.ShouldContain("another host");
        h.Server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Not_a_pull_request_is_skipped_without_calls()
    {
        await using var h = await PublisherHarness.StartAsync();

        var outcome = await h.Publisher.PublishAsync(Report1, PublisherHarness.Marker, h.Context with { PullRequestNumber = null, EventName = "push" });

        outcome.ShouldBeOfType<PublishOutcome.Skipped>().Reason.ShouldContain("not a pull request (event 'push')");
        h.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Missing_marker_is_prepended_so_the_next_run_finds_the_comment()
    {
        await using var h = await PublisherHarness.StartAsync();

        await h.PublishAsync("no marker here");
        var second = await h.PublishAsync("still none");

        second.ShouldBeOfType<PublishOutcome.Updated>();
        h.Server.Comments.Single().Body.ShouldBe(PublisherHarness.Marker + "\nstill none");
    }

    [Fact]
    public async Task Commit_status_description_is_cut_to_140_characters()
    {
        await using var h = await PublisherHarness.StartAsync();
        var statuses = new CommitStatusesClient(h.Connection);

        await statuses.CreateAsync("octo-org", "perf-repo", "abc123", NewCommitStatus.ForVerdict(false, new string('x', 300), null));

        var (sha, body) = h.Server.Statuses.Single();
        sha.ShouldBe("abc123");
        body.GetProperty("state").GetString().ShouldBe("failure");
        body.GetProperty("context").GetString().ShouldBe("perfgate");
        body.GetProperty("description").GetString()!.Length.ShouldBe(140);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
