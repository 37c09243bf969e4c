using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate alerts</c> and <c>alerts ack</c> on the recorded history (changes only ever on a private copy).</summary>
public sealed class AlertsCommandTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    private IReadOnlyList<StoredAlert> StoreAlerts(string? path = null, AlertFilter? filter = null)
    {
        using var store = new SqliteHistoryStore(path ?? history.HistoryPath);
        return store.GetAlerts(filter ?? AlertFilter.All);
    }

    private static List<JsonElement> Json(string output, out JsonElement counts)
    {
        using var document = JsonDocument.Parse(output);
        counts = document.RootElement.GetProperty("counts").Clone();
        return [.. document.RootElement.GetProperty("alerts").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public void The_table_lists_exactly_the_stored_alerts_newest_first_with_a_footer_of_counts()
    {
        var expected = StoreAlerts();

        var (code, output, error) = history.Cli.Run("alerts", "--history", history.HistoryPath);

        code.ShouldBe(0, error);
        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldStartWith("Id  Time (UTC)        Severity  Tier     Series");
        var rows = lines.Skip(2).TakeWhile(l => l.Length > 0).ToList();
        rows.Select(r => long.Parse(r.TrimStart().Split(' ')[0], CultureInfo.InvariantCulture)).ShouldBe(expected.Select(a => a.Id));
        // The newest run repeats the regression the history already holds (the first regressed run): within what main's
        // own runs produced, its time alert is a warning; the first regressed run's was critical.
        rows[0].ShouldContain("2026-11-30 12:00  warning   history  ParserBenchmarks.Join(Count=100, Separator=a b) [Invocation");
        expected.ShouldContain(a => a.Severity == Severity.Critical && a.Metric == "time");
        rows[0].ShouldContain($"#{history.RunIds[^1]}  {RecordedHistory.CommitOf(29)[..8]}");
        lines[^1].ShouldBe(string.Create(CultureInfo.InvariantCulture,
            $"{expected.Count} alerts: {expected.Count(a => a.Severity == Severity.Critical)} critical, {expected.Count(a => a.Severity == Severity.Error)} error, {expected.Count(a => a.Severity == Severity.Warning)} warning; 0 acknowledged, {expected.Count} open"));
    }

    [Fact]
    public void On_a_terminal_the_table_is_drawn_with_the_same_rows_and_footer()
    {
        using var cli = new CliRunner { IsTerminal = true };
        var copy = history.CopyHistory(cli);

        var (code, output, error) = cli.Run("alerts", "--history", copy);

        code.ShouldBe(0, error);
        output.ShouldContain("╭");
        output.ShouldContain("│");
        output.ShouldContain("critical");
        output.ShouldNotContain("----------------");
        output.TrimEnd().ShouldEndWith(" open");
    }

    [Fact]
    public void Json_carries_raw_values_and_the_counts()
    {
        var expected = StoreAlerts();
        expected.Count.ShouldBe(2 * (history.Runs - history.RegressionFrom)); // each regressed run: time and allocations

        var (code, output, error) = history.Cli.Run("alerts", "--history", history.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        var alerts = Json(output, out var counts);
        alerts.Select(a => a.GetProperty("id").GetInt64()).ShouldBe(expected.Select(a => a.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            var (row, stored) = (alerts[i], expected[i]);
            row.GetProperty("series").GetString().ShouldBe(stored.SeriesKey);
            row.GetProperty("current").GetDouble().ShouldBe(stored.CurrentValue);
            row.GetProperty("expected").GetDouble().ShouldBe(stored.ExpectedValue);
            row.GetProperty("changePercent").GetDouble().ShouldBe(stored.DeviationPercent);
            row.GetProperty("time").GetDateTimeOffset().ShouldBe(stored.TriggeredAt);
            row.GetProperty("severity").GetString().ShouldBe(stored.Severity.ToString().ToLowerInvariant());
            row.GetProperty("runId").GetInt64().ShouldBe(stored.RunId!.Value);
            row.GetProperty("commit").GetString().ShouldBe(stored.Commit);
            row.GetProperty("acknowledgedBy").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        counts.GetProperty("total").GetInt32().ShouldBe(expected.Count);
        counts.GetProperty("critical").GetInt32().ShouldBe(expected.Count(a => a.Severity == Severity.Critical));
        counts.GetProperty("open").GetInt32().ShouldBe(expected.Count);
    }

    [Fact]
    public void Csv_parses_with_a_header_of_keys_and_one_row_per_alert()
    {
        var expected = StoreAlerts();

        var (code, output, error) = history.Cli.Run("alerts", "--history", history.HistoryPath, "--format", "csv");

        code.ShouldBe(0, error);
        var records = Rfc4180.Parse(output);
        records[0].ShouldBe(["id", "time", "severity", "tier", "series", "metric", "current", "expected", "changePercent", "runId", "commit", "acknowledgedBy", "acknowledgedAt", "notes", "reason"]);
        var rows = records.Skip(1).ToList();

        rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ShouldBe(expected.Select(a => a.Id));
        rows[0][4].ShouldBe(expected[0].SeriesKey);
        double.Parse(rows[0][6], CultureInfo.InvariantCulture).ShouldBe(expected[0].CurrentValue);
        rows[0][1].ShouldBe(expected[0].TriggeredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Severity_days_series_and_limit_filter()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        using (var store = new SqliteHistoryStore(copy))
        {
            // One warning on another series, a day after the last run, so the severity filter has something to drop.
            var run = store.LoadRun(history.RunIds[0])!.ToBenchmarkRun();
            store.RecordRun(
                RecordedRun.From(run with { Timestamp = RecordedHistory.End.AddHours(1) }, RecordedHistory.End.AddHours(1), "main", RecordedHistory.CommitOf(99)),
                [new AlertRecord(Tier.Trend, Severity.Warning, "BdnFixtures.ParserBenchmarks.Sum(Count=10, Separator=x,y)", "time", 90, 80, 12.5, "creeping up")]);
        }

        cli.Clock.Now = RecordedHistory.End.AddHours(1);
        List<long> Ids(params string[] args)
        {
            var (code, output, error) = cli.Run(["alerts", "--history", copy, "--format", "json", .. args]);
            code.ShouldBe(0, error);
            return [.. Json(output, out _).Select(a => a.GetProperty("id").GetInt64())];
        }

        var all = StoreAlerts(copy);
        all.Count.ShouldBe(StoreAlerts().Count + 1);
        Ids().ShouldBe(all.Select(a => a.Id));
        Ids("--severity", "error").ShouldBe(all.Where(a => a.Severity >= Severity.Error).Select(a => a.Id));
        Ids("--severity", "error").Count.ShouldBe(all.Count(a => a.Severity >= Severity.Error));
        Ids("--severity", "error").Count.ShouldBeLessThan(all.Count);
        Ids("--severity", "warning").Count.ShouldBe(all.Count);
        Ids("--days", "1").ShouldBe(all.Where(a => a.TriggeredAt >= RecordedHistory.End.AddHours(1).AddDays(-1)).Select(a => a.Id));
        Ids("--days", "1").Count.ShouldBe(3); // the new warning, and the last run's time and allocation alerts
        Ids("--series", "sum(count=10").ShouldBe([all[0].Id]);
        Ids("--series", "Join(Count=100").ShouldBe(all.Skip(1).Select(a => a.Id));
        Ids("--limit", "2").ShouldBe(all.Take(2).Select(a => a.Id));

        var (_, table, _) = cli.Run("alerts", "--history", copy, "--series", "nothing-like-this");
        table.Trim().ShouldBe("0 alerts: 0 critical, 0 error, 0 warning; 0 acknowledged, 0 open");
    }

    [Fact]
    public void Ack_acknowledges_once_and_unacknowledged_hides_it()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        cli.Clock.Now = RecordedHistory.End.AddHours(2);
        var target = StoreAlerts(copy)[0];

        var (code, output, error) = cli.Run("alerts", "ack", "--id", target.Id.ToString(CultureInfo.InvariantCulture), "--notes", "new parser, slower on purpose", "--by", "alice", "--history", copy);

        code.ShouldBe(0, error);
        output.Trim().ShouldBe($"perfgate: acknowledged alert #{target.Id} (warning, ParserBenchmarks.Join(Count=100, Separator=a b) [InvocationCount=16, IterationCount=4, LaunchCount=1, UnrollFactor=16, WarmupCount=1], time 2.97 μs) by alice as expected: \"new parser, slower on purpose\"");
        var stored = StoreAlerts(copy).Single(a => a.Id == target.Id);
        stored.AcknowledgedBy.ShouldBe("alice");
        stored.AcknowledgedAt.ShouldBe(RecordedHistory.End.AddHours(2));
        stored.Notes.ShouldBe("new parser, slower on purpose");

        var (_, open, _) = cli.Run("alerts", "--history", copy, "--unacknowledged", "--format", "json");
        Json(open, out _).Select(a => a.GetProperty("id").GetInt64()).ShouldBe(StoreAlerts(copy).Where(a => a.Id != target.Id).Select(a => a.Id));
        var (_, table, _) = cli.Run("alerts", "--history", copy);
        table.ShouldContain("alice            2026-11-30 14:00  new parser, slower on purpose");
        table.TrimEnd().ShouldEndWith($"1 acknowledged, {StoreAlerts(copy).Count - 1} open");

        // A second acknowledgement keeps the first.
        cli.Variables["GITHUB_ACTOR"] = "bob";
        var (againCode, again, _) = cli.Run("alerts", "ack", "--id", target.Id.ToString(CultureInfo.InvariantCulture), "--notes", "other reason", "--history", copy);
        againCode.ShouldBe(0);
        again.Trim().ShouldBe($"perfgate: alert #{target.Id} was already acknowledged by alice on 2026-11-30: \"new parser, slower on purpose\"; that acknowledgement is kept");
        StoreAlerts(copy).Single(a => a.Id == target.Id).AcknowledgedBy.ShouldBe("alice");
    }

    [Fact]
    public void Ack_takes_the_name_from_github_actor_then_user()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        var ids = StoreAlerts(copy).Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
        cli.Variables["USER"] = "carol";
        cli.Variables["GITHUB_ACTOR"] = "octocat";

        cli.Run("alerts", "ack", "--id", ids[0], "--notes", "n", "--history", copy).Code.ShouldBe(0);
        cli.Variables.Remove("GITHUB_ACTOR");
        cli.Run("alerts", "ack", "--id", ids[1], "--notes", "n", "--history", copy).Code.ShouldBe(0);

        var stored = StoreAlerts(copy);
        stored.Single(a => a.Id.ToString(CultureInfo.InvariantCulture) == ids[0]).AcknowledgedBy.ShouldBe("octocat");
        stored.Single(a => a.Id.ToString(CultureInfo.InvariantCulture) == ids[1]).AcknowledgedBy.ShouldBe("carol");
    }

    [Theory]
    [InlineData("no history", "alerts", "--history", "missing.db")]
    [InlineData("--days must be a positive whole number", "alerts", "--days", "0")]
    [InlineData("--limit must be a positive whole number", "alerts", "--limit", "-1")]
    [InlineData("warning", "alerts", "--severity", "fatal")]
    [InlineData("no alert #999", "alerts", "ack", "--id", "999", "--notes", "x", "--by", "me")]
    [InlineData("--notes must say why", "alerts", "ack", "--id", "1", "--notes", "  ", "--by", "me")]
    [InlineData("pass --by NAME", "alerts", "ack", "--id", "1", "--notes", "why")]
    [InlineData("--notes", "alerts", "ack", "--id", "1", "--by", "me")]
    public void Bad_input_exits_2_with_a_clear_message(string message, params string[] args)
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        string[] withHistory = args.Contains("--history") ? args : [.. args, "--history", copy];

        var (code, output, error) = cli.Run(withHistory);

        code.ShouldBe(2, output);
        error.ShouldStartWith("perfgate: ");
        error.ShouldContain(message);
        StoreAlerts(copy).ShouldAllBe(a => !a.Acknowledged);
    }

    [Fact]
    public void Help_works_for_both_verbs()
    {
        var (code, output, _) = history.Cli.Run("alerts", "--help");
        code.ShouldBe(0);
        output.ShouldContain("--unacknowledged");
        output.ShouldContain("ack");

        var (ackCode, ack, _) = history.Cli.Run("alerts", "ack", "--help");
        ackCode.ShouldBe(0);
        ack.ShouldContain("--notes");
        ack.ShouldContain("GITHUB_ACTOR");
    }
}
