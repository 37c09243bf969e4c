using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// A history recorded by <c>check --record</c> where one benchmark steps up 15% at run 14 of 24 and stays there: the
/// change-point tier finds the step, records one trend alert for it, and <c>status</c> and <c>alerts</c> show it.
/// </summary>
public sealed class SteppedHistory() : IDisposable
{
    public const int StepAt = 14;

    public RecordedHistory History { get; } = new(runs: 24, regressionFrom: StepAt, regressionFactor: 1.15);

    public void Dispose() => History.Dispose();
}

public sealed class StepOnMainTests(SteppedHistory stepped) : IClassFixture<SteppedHistory>
{
    private RecordedHistory History => stepped.History;

    private string Where => $"at commit {RecordedHistory.CommitOf(SteppedHistory.StepAt)[..7]}, run #{History.RunIds[SteppedHistory.StepAt]}";

    [Fact]
    public void Status_lists_the_step_with_its_size_commit_and_run()
    {
        var (code, output, error) = History.Cli.Run("status", "--history", History.HistoryPath);

        code.ShouldBe(0, error);
        var steps = output.Split('\n').SkipWhile(l => !l.StartsWith("Steps on main", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0).ToList();
        var line = steps.ShouldHaveSingleItem();
        line.ShouldStartWith("  ↑ ");
        RecordedHistory.IsRegressed(line).ShouldBeTrue(line);
        line.ShouldContain(": step of +1");
        line.ShouldContain(Where + "; 10 runs at the new level");
        var percent = double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"step of \+(\d+\.\d)%").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        percent.ShouldBeInRange(12, 18);
    }

    [Fact]
    public void Status_json_carries_the_step()
    {
        var (code, output, error) = History.Cli.Run("status", "--history", History.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var step = json.RootElement.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("runId").GetInt64().ShouldBe(History.RunIds[SteppedHistory.StepAt]);
        step.GetProperty("commit").GetString().ShouldBe(RecordedHistory.CommitOf(SteppedHistory.StepAt));
        step.GetProperty("runsAfter").GetInt32().ShouldBe(10);
        step.GetProperty("lowerPercent").GetDouble().ShouldBeLessThan(step.GetProperty("percent").GetDouble());
    }

    [Fact]
    public void The_step_was_recorded_once_as_an_alert_of_the_trend_tier_and_alerts_shows_where()
    {
        using (var store = new SqliteHistoryStore(History.HistoryPath))
        {
            var trend = store.GetAlerts(AlertFilter.All).Where(a => a.Tier == Tier.Trend).ToList();
            var alert = trend.ShouldHaveSingleItem(string.Join("\n", trend.Select(a => a.Message)));
            alert.Severity.ShouldBe(Severity.Warning);
            RecordedHistory.IsRegressed(alert.SeriesKey).ShouldBeTrue();
            alert.Message.ShouldContain(Where);
            // Found once four runs stayed at the new level: the run that recorded it is the fourth after the step.
            alert.RunId.ShouldBe(History.RunIds[SteppedHistory.StepAt + 3]);
        }

        var (code, output, error) = History.Cli.Run("alerts", "--history", History.HistoryPath);

        code.ShouldBe(0, error);
        output.ShouldContain("Steps on main (trend tier):");
        output.Split('\n').ShouldContain(l => l.StartsWith("  #", StringComparison.Ordinal) && l.Contains(": step of +1", StringComparison.Ordinal) && l.Contains(Where, StringComparison.Ordinal));
        output.ShouldContain(" trend ");
    }

    [Fact]
    public void A_pull_request_checked_against_this_history_gets_one_context_line_and_passes()
    {
        var results = History.Cli.SlowedCopy(History.Source, 1.0, "pr", ranAt: History.Cli.Clock.Now);
        var regressedCopy = History.Cli.SlowedCopy(Path.Combine(results, Path.GetFileName(History.Source)), 1.15, "pr-slow", which: b => b == RecordedHistory.RegressedIndex);
        var copy = History.CopyHistory(History.Cli);
        var comment = History.Cli.Path("comment.md");

        var (code, output, error) = History.Cli.Run("check", "--results", regressedCopy, "--history", copy, "--branch", "feature/x", "--commit", new string('e', 40), "--markdown", comment);

        code.ShouldBe(0, output + error);
        output.ShouldContain("Context: main stepped before this PR's base (not caused by this PR): ");
        var markdown = File.ReadAllText(comment);
        markdown.Split('\n').Count(l => l.StartsWith("> ℹ️ Context: main stepped", StringComparison.Ordinal)).ShouldBe(1);
        markdown.ShouldContain(Where);
    }

    [Fact]
    public void Once_the_step_alert_is_reviewed_even_as_a_false_alarm_the_pull_request_gets_no_context_line()
    {
        var results = History.Cli.SlowedCopy(History.Source, 1.0, "pr-reviewed", ranAt: History.Cli.Clock.Now);
        var copy = History.CopyHistory(History.Cli);
        long step;
        using (var store = new SqliteHistoryStore(copy))
        {
            step = store.GetAlerts(AlertFilter.All).Single(a => a.Tier == Tier.Trend).Id;
        }

        var (ackCode, _, ackError) = History.Cli.Run("alerts", "ack", "--id", step.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "false-alarm", "--notes", "runner swap", "--by", "ana", "--history", copy);
        ackCode.ShouldBe(0, ackError);

        var (code, output, error) = History.Cli.Run("check", "--results", results, "--history", copy, "--branch", "feature/y", "--commit", new string('f', 40));

        code.ShouldBe(0, output + error);
        output.ShouldNotContain("Context: main stepped");
    }

    [Fact]
    public void The_dashboard_carries_the_step_for_its_chart_marker()
    {
        var folder = History.Cli.Path("dashboard-steps");

        var (code, output, error) = History.Cli.Run("dashboard", "--history", History.HistoryPath, "--out", folder);

        code.ShouldBe(0, output + error);
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        // The page's data escapes non-ASCII as \uXXXX; the label's ASCII part names the commit and run.
        var steps = System.Text.RegularExpressions.Regex.Matches(html, "\"steps\":\\[\\[");
        steps.Count.ShouldBe(1);
        html.ShouldContain(Where + "; 10 runs at the new level");
    }

    /// <summary>
    /// The docs' transcript (docs/operations.md, docs/alerts.md): status, alerts, three reviews and the report's
    /// alert-quality table on a copy of this history, written to <c>artifacts/operations/steps-transcript.txt</c>.
    /// </summary>
    [Fact]
    public void Status_alerts_reviews_and_report_of_a_stepped_history_are_written_for_people_to_read()
    {
        using var cli = new CliRunner();
        var copy = History.CopyHistory(cli);
        cli.Clock.Now = RecordedHistory.End;
        var folder = RepoPaths.Artifacts("operations");
        var alerts = new List<StoredAlert>();
        using (var store = new SqliteHistoryStore(copy))
        {
            alerts.AddRange(store.GetAlerts(AlertFilter.All));
        }

        var step = alerts.Single(a => a.Tier == Tier.Trend);
        var time = alerts.Where(a => a.Tier != Tier.Trend && a.Metric == "time").OrderBy(a => a.Id).ToList();
        var id = (StoredAlert a) => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[][] commands =
        [
            ["status"],
            ["alerts", "--days", "7"],
            ["alerts", "ack", "--id", id(step), "--reason", "real", "--notes", "the 1.15x join from #812; fix tracked in #815", "--by", "alice"],
            ["alerts", "ack", "--id", id(time[0]), "--reason", "real", "--notes", "same step, first seen by the history tier", "--by", "alice"],
            ["alerts", "ack", "--id", id(time[^1]), "--reason", "false-alarm", "--notes", "noise; nothing changed in that run", "--by", "bob"],
            ["report", "--days", "14"],
        ];
        var transcript = new System.Text.StringBuilder();
        var outputs = new List<string>();
        foreach (var command in commands)
        {
            var (code, output, error) = cli.Run([.. command, "--history", copy]);
            code.ShouldBe(0, error);
            outputs.Add(output);
            transcript.Append(System.Globalization.CultureInfo.InvariantCulture, $"$ perfgate {string.Join(' ', command.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}   # clock: {cli.Clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC\n");
            transcript.Append(output).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "steps-transcript.txt"), transcript.ToString());
        outputs[0].ShouldContain("Steps on main (change points in the last 60 runs");
        outputs[1].ShouldContain("Steps on main (trend tier):");
        outputs[5].ShouldContain("ALERT QUALITY");
        outputs[5].ShouldContain("All series");
    }
}
