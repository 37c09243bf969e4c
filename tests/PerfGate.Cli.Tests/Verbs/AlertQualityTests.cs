using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// <c>alerts ack --reason</c> and the alert-quality table of <c>report</c>, through the CLI on a copy of the
/// <see cref="RecordedHistory"/> (a real SQLite file): the regressed benchmark's six alerts, plus three alerts on a
/// noisy benchmark recorded beside them.
/// </summary>
public sealed class AlertQualityTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    private const string Noisy = "BdnFixtures.ParserBenchmarks.Sum(Count=10, Separator=x,y)";

    private static List<StoredAlert> StoreAlerts(string path)
    {
        using var store = new SqliteHistoryStore(path);
        return [.. store.GetAlerts(AlertFilter.All)];
    }

    /// <summary>A private copy with three warnings on <see cref="Noisy"/>, one per extra run an hour apart after the last recorded run.</summary>
    private string CopyWithNoisyAlerts(CliRunner cli)
    {
        var copy = history.CopyHistory(cli);
        using (var store = new SqliteHistoryStore(copy))
        {
            var run = store.LoadRun(history.RunIds[0])!.ToBenchmarkRun();
            for (var i = 1; i <= 3; i++)
            {
                var at = RecordedHistory.End.AddHours(i);
                store.RecordRun(
                    RecordedRun.From(run with { Timestamp = at }, at, "main", RecordedHistory.CommitOf(90 + i)),
                    [new AlertRecord(Tier.History, Severity.Warning, Noisy, "time", 90, 80, 12.5, "slower than the history")]);
            }
        }

        cli.Clock.Now = RecordedHistory.End.AddHours(4);
        return copy;
    }

    private static string Ack(CliRunner cli, string copy, long id, params string[] extra)
    {
        var (code, output, error) = cli.Run(["alerts", "ack", "--id", id.ToString(CultureInfo.InvariantCulture), "--notes", "reviewed", "--by", "ana", "--history", copy, .. extra]);
        code.ShouldBe(0, error);
        return output;
    }

    [Fact]
    public void Ack_records_the_reason_and_defaults_to_expected()
    {
        using var cli = new CliRunner();
        var copy = CopyWithNoisyAlerts(cli);
        var alerts = StoreAlerts(copy);

        Ack(cli, copy, alerts[0].Id, "--reason", "false-alarm").ShouldContain(" by ana as false-alarm: \"reviewed\"");
        Ack(cli, copy, alerts[1].Id, "--reason", "environment");
        Ack(cli, copy, alerts[2].Id, "--reason", "real");
        Ack(cli, copy, alerts[3].Id).ShouldContain(" by ana as expected: ");

        var stored = StoreAlerts(copy).ToDictionary(a => a.Id);
        stored[alerts[0].Id].Reason.ShouldBe(AlertReason.FalseAlarm);
        stored[alerts[1].Id].Reason.ShouldBe(AlertReason.Environment);
        stored[alerts[2].Id].Reason.ShouldBe(AlertReason.Real);
        stored[alerts[3].Id].Reason.ShouldBe(AlertReason.Expected);
        stored[alerts[4].Id].Reason.ShouldBeNull();

        var (code, json, error) = cli.Run("alerts", "--history", copy, "--format", "json");
        code.ShouldBe(0, error);
        using var doc = JsonDocument.Parse(json);
        var reasons = doc.RootElement.GetProperty("alerts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetInt64(), a => a.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : a.GetProperty("reason").GetString());
        reasons[alerts[0].Id].ShouldBe("false-alarm");
        reasons[alerts[3].Id].ShouldBe("expected");
        reasons[alerts[4].Id].ShouldBeNull();
    }

    [Theory]
    [InlineData("noise")]
    [InlineData("False-Alarm")]
    [InlineData("")]
    public void A_bad_reason_exits_2_naming_the_option_and_acknowledges_nothing(string reason)
    {
        using var cli = new CliRunner();
        var copy = CopyWithNoisyAlerts(cli);
        var id = StoreAlerts(copy)[0].Id.ToString(CultureInfo.InvariantCulture);

        var (code, output, error) = cli.Run("alerts", "ack", "--id", id, "--notes", "x", "--by", "ana", "--reason", reason, "--history", copy);

        code.ShouldBe(2, output);
        error.ShouldContain("--reason must be one of real | expected | false-alarm | environment");
        StoreAlerts(copy).ShouldAllBe(a => !a.Acknowledged);
    }

    [Fact]
    public void Report_counts_reviews_per_benchmark_and_overall_and_names_the_benchmark_that_is_mostly_false()
    {
        using var cli = new CliRunner();
        var copy = CopyWithNoisyAlerts(cli);
        var alerts = StoreAlerts(copy);
        var noisy = alerts.Where(a => a.SeriesKey == Noisy).ToList();
        var regressed = alerts.Where(a => RecordedHistory.IsRegressed(a.SeriesKey)).ToList();
        noisy.Count.ShouldBe(3);
        regressed.Count.ShouldBe(6, string.Join("\n", regressed.Select(a => $"{a.RunId} {a.Tier} {a.Severity} {a.Message}")));
        Ack(cli, copy, noisy[0].Id, "--reason", "false-alarm");
        Ack(cli, copy, noisy[1].Id, "--reason", "false-alarm");
        Ack(cli, copy, noisy[2].Id, "--reason", "real");
        Ack(cli, copy, regressed[0].Id, "--reason", "real");
        Ack(cli, copy, regressed[1].Id, "--reason", "real");
        Ack(cli, copy, regressed[2].Id, "--reason", "environment");
        using (var store = new SqliteHistoryStore(copy))
        {
            // An acknowledgement recorded before reasons existed (the store's old call): counted as "no reason".
            store.Acknowledge(regressed[3].Id, "old", "from before reasons", cli.Clock.GetUtcNow()).ShouldBeTrue();
        }

        var (code, output, error) = cli.Run("report", "--days", "7", "--history", copy);

        code.ShouldBe(0, error);
        var lines = output.Split('\n');
        var title = Array.FindIndex(lines, l => l.StartsWith("ALERT QUALITY", StringComparison.Ordinal));
        title.ShouldBeGreaterThan(0, output);
        lines[title + 1].ShouldStartWith("Series");
        lines[title + 1].ShouldContain("False-alarm rate");
        var rows = lines.Skip(title + 3).TakeWhile(l => l.Length > 0 && !l.StartsWith('!')).ToList();
        rows.Count.ShouldBe(3, output);
        static string[] Cells(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^8..];
        // Noisy: 3 alerts, 1 real, 0 expected, 2 false, 0 environment, 0 no reason, 0 unreviewed, 67%.
        rows[0].ShouldStartWith("ParserBenchmarks.Sum(Count=10, Separator=x,y)");
        Cells(rows[0]).ShouldBe(["3", "1", "0", "2", "0", "0", "0", "67%"]);
        RecordedHistory.IsRegressed(rows[1]).ShouldBeTrue(rows[1]);
        Cells(rows[1]).ShouldBe(["6", "2", "0", "0", "1", "1", "2", "0%"]);
        rows[2].ShouldStartWith("All series");
        Cells(rows[2]).ShouldBe(["9", "3", "0", "2", "1", "1", "2", "33%"]);
        var advice = lines.Where(l => l.StartsWith('!')).ToList().ShouldHaveSingleItem();
        advice.ShouldStartWith("! ParserBenchmarks.Sum(Count=10, Separator=x,y): 2 of 3 reviewed alerts were not about the code; mostly false alarms: ");
        advice.ShouldContain("more launches");
        advice.ShouldContain("longer iteration");
        advice.ShouldContain("\"ignore\": true");

        var (jsonCode, json, jsonError) = cli.Run("report", "--days", "7", "--history", copy, "--format", "json");
        jsonCode.ShouldBe(0, jsonError);
        using var doc = JsonDocument.Parse(json);
        var quality = doc.RootElement.GetProperty("alertQuality");
        var overall = quality.GetProperty("overall");
        overall.GetProperty("total").GetInt32().ShouldBe(9);
        overall.GetProperty("falseAlarm").GetInt32().ShouldBe(2);
        overall.GetProperty("reviewed").GetInt32().ShouldBe(6);
        overall.GetProperty("falseAlarmRate").GetDouble().ShouldBe(2.0 / 6, 1e-12);
        var first = quality.GetProperty("series")[0];
        first.GetProperty("seriesKey").GetString().ShouldBe(Noisy);
        first.GetProperty("advice").GetString()!.ShouldStartWith("mostly false alarms");
        quality.GetProperty("series")[1].GetProperty("advice").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void A_report_with_no_alerts_says_so()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        cli.Clock.Now = RecordedHistory.End.AddDays(20);

        var (code, output, error) = cli.Run("report", "--days", "7", "--history", copy);

        code.ShouldBe(0, error);
        output.ShouldContain("Alert quality: no alerts in the window.");
    }

    [Fact]
    public void A_false_alarm_acknowledgement_accepts_no_new_level_so_the_regression_still_fails()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        var time = StoreAlerts(copy).First(a => RecordedHistory.IsRegressed(a.SeriesKey) && a.Metric == "time" && a.Severity >= Severity.Error);
        var allocated = StoreAlerts(copy).First(a => RecordedHistory.IsRegressed(a.SeriesKey) && a.Metric == "allocated");
        Ack(cli, copy, time.Id, "--reason", "false-alarm");
        Ack(cli, copy, allocated.Id, "--reason", "false-alarm");
        var again = cli.SlowedCopy(Path.Combine(history.Cli.Path($"run{history.Runs - 1:D3}-slow"), Path.GetFileName(history.Source)), 1.0, "again");

        var (code, output, _) = cli.Run("check", "--results", again, "--history", copy, "--branch", "main", "--commit", new string('d', 40));

        code.ShouldBe(1, output);
        output.ShouldNotContain("passes as a warning");
    }
}
