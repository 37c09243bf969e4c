namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate check --summary</c> (what the main job prints last) against a history recorded by <c>check --record</c>: 30 daily runs, the last three with one benchmark regressed.</summary>
public sealed class CheckSummaryTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void The_summary_follows_the_verdict_and_trends_against_the_runs_of_the_last_seven_days_before_recording()
    {
        var cli = history.Cli;
        cli.Clock.Now = RecordedHistory.End + TimeSpan.FromHours(1);
        var results = cli.SlowedCopy(history.Source, 1.0, "summary-run", ranAt: cli.Clock.Now);

        var (code, output, error) = cli.Run("check", "--results", results, "--history", history.HistoryPath, "--summary", "--record", "--branch", "main", "--commit", "feedf00d");

        code.ShouldBe(0, error);
        var summary = output.IndexOf("PerfGate summary\n", StringComparison.Ordinal);
        summary.ShouldBeGreaterThan(output.IndexOf("Thresholds: warning", StringComparison.Ordinal), "after the verdict");
        output.IndexOf("perfgate: recorded run", StringComparison.Ordinal).ShouldBeGreaterThan(summary, "the run is recorded after the summary");
        var text = output[summary..];
        text.ShouldContain("Startup time:       not measured\n", customMessage: "the fixture is not the sample's suite");
        text.ShouldContain("Performance index:  no targets configured\n");
        text.ShouldContain("Regression score:   ");
        text.ShouldContain("against the history median over ");

        // Runs of the window [now − 7 days, now): the daily runs at End − 6 days … End, seven of them; the run being
        // recorded is not its own reference.
        text.ShouldContain("vs the 7-day median of main (7 runs, ");
    }

    [Fact]
    public void Without_a_history_the_trend_says_so()
    {
        using var cli = new CliRunner();

        var (code, output, error) = cli.Run("check", "--results", history.Source, "--summary");

        code.ShouldBe(0, error);
        output.ShouldContain("Regression score:   no reference\n");
        output.ShouldContain("Trend: no history\n");
    }
}
