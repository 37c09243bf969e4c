using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.GitHub;

/// <summary>
/// Accepting an intentional regression with a PR label (docs/github.md), end to end against the loopback fake GitHub:
/// the label is read from the event, who applied it from the issue events, their permission from the collaborators API;
/// on main, <c>--record-accepted</c> finds the merged PR of the pushed commit and acknowledges the run's alerts.
/// </summary>
public sealed class AcceptLabelTests
{
    private const string Label = "perfgate: accept";

    [Fact]
    public async Task A_label_applied_by_a_maintainer_passes_the_gate_and_says_who_accepted_what()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent("performance", Label);
        gate.Server.IssueEvents.Add(("labeled", Label, "maintainer"));
        gate.Server.Permissions["maintainer"] = ("write", "maintain");

        var (code, output, error) = gate.Check(failing: true, "--accept-label", "--github-comment", "--github-status");

        code.ShouldBe(0, output + error);
        error.ShouldContain("perfgate: the failures are accepted by @maintainer (label 'perfgate: accept' on PR #12)");
        output.ShouldContain("PerfGate: PASS - accepted by @maintainer: 1 regression, worst +");
        var comment = gate.Server.Comments.ShouldHaveSingleItem().Body;
        comment.ShouldContain("✅ **PerfGate: accepted by @maintainer: 1 regression, worst +");
        gate.Server.Statuses.ShouldHaveSingleItem().Body.GetProperty("state").GetString().ShouldBe("success");

        var verdict = gate.Verdict();
        verdict.GetProperty("passed").GetBoolean().ShouldBeTrue();
        var acceptance = verdict.GetProperty("acceptance");
        acceptance.GetProperty("by").GetString().ShouldBe("maintainer");
        acceptance.GetProperty("label").GetString().ShouldBe(Label);
        acceptance.GetProperty("pullRequest").GetInt32().ShouldBe(12);
        acceptance.GetProperty("regressions").GetInt32().ShouldBe(1);
        acceptance.GetProperty("worstPercent").GetDouble().ShouldBeGreaterThan(100);
        verdict.GetProperty("counts").GetProperty("failing").GetInt32().ShouldBeGreaterThan(0);
        gate.Server.Requests.ShouldContain(r => r.PathAndQuery == "/repos/o/r/collaborators/maintainer/permission");
    }

    [Fact]
    public async Task A_custom_label_name_is_honoured()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent("slower on purpose");
        gate.Server.IssueEvents.Add(("labeled", "slower on purpose", "owner"));
        gate.Server.Permissions["owner"] = ("admin", "admin");

        gate.Check(failing: true, "--accept-label", "slower on purpose").Code.ShouldBe(0);

        // --accept-label alone reads GitHub but publishes nothing: no summary, no comment, no status.
        File.Exists(gate.Cli.Path("summary.md")).ShouldBeFalse();
        gate.Server.Comments.ShouldBeEmpty();
        gate.Server.Statuses.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_label_applied_by_someone_without_write_access_does_not_accept()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent(Label);
        gate.Server.IssueEvents.Add(("labeled", Label, "drive-by"));
        gate.Server.Permissions["drive-by"] = ("read", "triage");

        var (code, _, error) = gate.Check(failing: true, "--accept-label");

        code.ShouldBe(1);
        error.ShouldContain("perfgate: not accepted: 'perfgate: accept' on PR #12 was applied by @drive-by, who has 'triage' permission on o/r; write, maintain or admin is needed");
        gate.Verdict().GetProperty("acceptance").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_last_labeled_event_decides_who_applied_the_label()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent(Label);
        gate.Server.IssueEvents.Add(("labeled", Label, "maintainer"));
        gate.Server.IssueEvents.Add(("unlabeled", Label, "maintainer"));
        gate.Server.IssueEvents.Add(("labeled", Label, "outsider"));
        gate.Server.Permissions["maintainer"] = ("admin", "admin");

        var (code, _, error) = gate.Check(failing: true, "--accept-label");

        code.ShouldBe(1);
        error.ShouldContain("applied by @outsider, who has no permission on o/r");
    }

    [Fact]
    public async Task Without_the_label_in_the_event_nothing_is_asked_and_the_gate_fails()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent("performance");
        gate.Server.IssueEvents.Add(("labeled", Label, "maintainer"));
        gate.Server.Permissions["maintainer"] = ("admin", "admin");

        var (code, _, error) = gate.Check(failing: true, "--accept-label");

        code.ShouldBe(1);
        error.ShouldContain("perfgate: not accepted: PR #12 does not carry the label 'perfgate: accept'");
        gate.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_label_without_a_labeled_event_does_not_accept()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent(Label);

        var (code, _, error) = gate.Check(failing: true, "--accept-label");

        code.ShouldBe(1);
        error.ShouldContain("no 'labeled' event for 'perfgate: accept' on PR #12");
    }

    [Fact]
    public async Task A_passing_gate_does_not_look_at_labels()
    {
        await using var gate = await GitHubGate.StartAsync();
        gate.PullRequestEvent(Label);

        gate.Check(failing: false, "--accept-label").Code.ShouldBe(0);
        gate.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task On_main_the_merged_prs_acceptance_is_recorded_as_acknowledgements_so_main_passes_afterwards()
    {
        await using var gate = await GitHubGate.StartAsync();
        const string Pushed = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
        gate.PushEvent(Pushed);
        gate.Server.CommitPulls[Pushed] = [(7, Pushed, [Label], true)];
        gate.Server.IssueEvents.Add(("labeled", Label, "maintainer"));
        gate.Server.Permissions["maintainer"] = ("write", "write");
        var history = gate.Cli.Path("history.db");

        var (code, output, error) = gate.Check(failing: true, "--history", history, "--record", "--branch", "main", "--commit", Pushed, "--accept-label", "--record-accepted");

        code.ShouldBe(0, output + error);
        error.ShouldContain("perfgate: the failures are accepted by @maintainer (label 'perfgate: accept' on PR #7)");
        output.ShouldMatch(@"perfgate: acknowledged \d+ alerts of run \d+: accepted in PR #7 by @maintainer \(label 'perfgate: accept'\)");
        gate.Server.Requests.ShouldContain(r => r.PathAndQuery == $"/repos/o/r/commits/{Pushed}/pulls?per_page=100");
        using (var store = new SqliteHistoryStore(history))
        {
            var alerts = store.GetAlerts(AlertFilter.All);
            alerts.ShouldNotBeEmpty();
            alerts.ShouldAllBe(a => a.Acknowledged && a.AcknowledgedBy == "maintainer" && a.Notes == "accepted in PR #7 by @maintainer (label 'perfgate: accept')");
        }

        // The next run on main at the accepted level passes on the acknowledgements, without any label.
        var (next, nextOutput, nextError) = gate.Check(failing: true, "--history", history, "--branch", "main");
        next.ShouldBe(0, nextOutput + nextError);
        nextOutput.ShouldContain("passes as a warning: acknowledged as alert #");
    }

    [Fact]
    public async Task On_main_a_push_whose_pr_was_not_accepted_records_open_alerts_and_fails()
    {
        await using var gate = await GitHubGate.StartAsync();
        const string Pushed = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
        gate.PushEvent(Pushed);
        gate.Server.CommitPulls[Pushed] = [(7, Pushed, ["performance"], true)];
        var history = gate.Cli.Path("history.db");

        var (code, _, error) = gate.Check(failing: true, "--history", history, "--record", "--branch", "main", "--commit", Pushed, "--accept-label", "--record-accepted");

        code.ShouldBe(1);
        error.ShouldContain("perfgate: not accepted: PR #7 does not carry the label 'perfgate: accept'");
        using var store = new SqliteHistoryStore(history);
        store.GetAlerts(AlertFilter.All).ShouldAllBe(a => !a.Acknowledged);
        gate.Check(failing: true, "--history", history, "--branch", "main").Code.ShouldBe(1);
    }

    [Fact]
    public async Task Record_accepted_without_record_is_bad_input()
    {
        await using var gate = await GitHubGate.StartAsync();

        var (code, _, error) = gate.Check(failing: true, "--accept-label", "--record-accepted");

        code.ShouldBe(2);
        error.ShouldContain("--record-accepted acknowledges the alerts of the run it records: give --record too");
    }
}
