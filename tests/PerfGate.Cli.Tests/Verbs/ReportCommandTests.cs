using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate report</c> over the recorded history (one run a day, the last at <see cref="RecordedHistory.End"/>, the clock there).</summary>
public sealed class ReportCommandTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void Seven_days_hold_the_last_seven_daily_runs_and_the_regressed_series_shows_the_slowdown()
    {
        var (code, output, error) = history.Cli.Run("report", "--days", "7", "--history", history.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        // (End − 7 days, End]: the run exactly seven days back (index 22) is out, today's (index 29) is in.
        var windowRuns = history.RunIds.Skip(23).ToList();
        windowRuns.Select(id => store.GetRun(id)!.Timestamp).Min().ShouldBe(RecordedHistory.End.AddDays(-6));
        var key = store.GetResults(history.RunIds[^1]).Single(r => RecordedHistory.IsRegressed(r.SeriesKey)).SeriesKey;
        var values = windowRuns.Select(id => store.GetResults(id).Single(r => r.SeriesKey == key).Value!.Value).ToList();

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("runs").GetInt32().ShouldBe(7);
        root.GetProperty("branch").GetString().ShouldBe("main");
        var series = root.GetProperty("series").EnumerateArray().ToList();
        series.Count.ShouldBe(store.GetResults(history.RunIds[^1]).Count);
        series.ShouldAllBe(s => s.GetProperty("runs").GetInt32() == 7);
        var regressed = series[0];
        regressed.GetProperty("seriesKey").GetString().ShouldBe(key);
        regressed.GetProperty("min").GetDouble().ShouldBe(values.Min());
        regressed.GetProperty("max").GetDouble().ShouldBe(values.Max());
        regressed.GetProperty("median").GetDouble().ShouldBe(Quantiles.Median(values));
        regressed.GetProperty("latest").GetDouble().ShouldBe(values[^1]);
        (values.Max() / values.Min()).ShouldBeInRange(1.5, 1.7, "the last three of the seven runs are 1.6× slower");
        // Change: the latest against the median of the older half of the window (its first ⌊7/2⌋ = 3 runs, all unregressed).
        regressed.GetProperty("changePercent").GetDouble().ShouldBe((values[^1] / Quantiles.Median(values.Take(3).ToList()) - 1) * 100, 1e-9);
        regressed.GetProperty("changePercent").GetDouble().ShouldBeInRange(55, 65);

        var alerts = store.GetAlerts(AlertFilter.All).Where(a => a.TriggeredAt > RecordedHistory.End.AddDays(-7) && a.TriggeredAt <= RecordedHistory.End).ToList();
        alerts.ShouldNotBeEmpty();
        var totals = root.GetProperty("alerts");
        totals.GetProperty("warning").GetInt32().ShouldBe(alerts.Count(a => a.Severity == Severity.Warning));
        totals.GetProperty("error").GetInt32().ShouldBe(alerts.Count(a => a.Severity == Severity.Error));
        totals.GetProperty("critical").GetInt32().ShouldBe(alerts.Count(a => a.Severity == Severity.Critical));
        totals.GetProperty("acknowledged").GetInt32().ShouldBe(alerts.Count(a => a.Acknowledged));
        (regressed.GetProperty("warning").GetInt32() + regressed.GetProperty("error").GetInt32() + regressed.GetProperty("critical").GetInt32()).ShouldBe(alerts.Count);
        series.Skip(1).ShouldAllBe(s => s.GetProperty("critical").GetInt32() + s.GetProperty("error").GetInt32() + s.GetProperty("warning").GetInt32() == 0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(29, 29)]
    [InlineData(30, 30)]
    [InlineData(400, 30)]
    public void The_window_starts_after_now_minus_n_days_and_ends_at_now(int days, int runs)
    {
        var (code, output, error) = history.Cli.Run("report", "--days", days.ToString(CultureInfo.InvariantCulture), "--history", history.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("runs").GetInt32().ShouldBe(runs);
        json.RootElement.GetProperty("from").GetDateTimeOffset().ShouldBe(RecordedHistory.End.AddDays(-days));
        json.RootElement.GetProperty("to").GetDateTimeOffset().ShouldBe(RecordedHistory.End);
    }

    [Fact]
    public void The_table_has_a_header_line_the_series_and_the_alert_totals()
    {
        var (code, output, error) = history.Cli.Run("report", "--history", history.HistoryPath);

        code.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("PERFORMANCE REPORT: last 7 days on main, 2026-11-23 12:00 UTC (exclusive) to 2026-11-30 12:00 UTC: 7 run(s), 24 series");
        lines[1].ShouldStartWith("Series");
        lines[3].ShouldContain("Join(Count=100, Separator=a b)");
        lines[3].ShouldContain("IterationCount=4");
        lines[3].ShouldContain("μs");
        lines[3 + 24].ShouldStartWith("Alerts in the window: ");
        // Then the alert-quality table: its title, header, rule, the regressed benchmark and the total (nothing reviewed yet).
        lines[3 + 24 + 1].ShouldStartWith("ALERT QUALITY");
        lines[^2].ShouldContain("Join(Count=100, Separator=a b)");
        lines[^1].ShouldStartWith("All series");
        lines[^1].ShouldEndWith("–");
        lines.Length.ShouldBe(3 + 24 + 1 + 5);
    }

    [Fact]
    public void Csv_parses_with_one_row_per_series()
    {
        var (code, output, error) = history.Cli.Run("report", "--days", "7", "--history", history.HistoryPath, "--format", "csv");

        code.ShouldBe(0, error);
        var rows = Rfc4180.Rows(output);
        rows.Count.ShouldBe(24);
        rows.ShouldAllBe(r => r["runs"] == "7" && r["unit"] == "ns");
        RecordedHistory.IsRegressed(rows[0]["seriesKey"]).ShouldBeTrue();
        double.Parse(rows[0]["max"], CultureInfo.InvariantCulture).ShouldBeGreaterThan(1.5 * double.Parse(rows[0]["min"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Days_below_one_an_unknown_branch_and_a_missing_history_are_exit_2()
    {
        var zero = history.Cli.Run("report", "--days", "0", "--history", history.HistoryPath);
        zero.Code.ShouldBe(2);
        zero.Error.ShouldContain("--days must be at least 1");
        zero.Out.ShouldBeEmpty();

        var branch = history.Cli.Run("report", "--branch", "nope", "--history", history.HistoryPath);
        branch.Code.ShouldBe(2);
        branch.Error.ShouldContain("no run recorded on branch 'nope'");

        var missing = history.Cli.Run("report", "--history", "absent.db");
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain(history.Cli.Path("absent.db"));
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var (code, output, _) = history.Cli.Run("report", "--help");

        code.ShouldBe(0);
        foreach (var option in new[] { "--days", "--branch", "--history", "--format" })
        {
            output.ShouldContain(option);
        }
    }

    [Fact]
    public void Acknowledged_alerts_are_counted()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        cli.Clock.Now = RecordedHistory.End;
        using (var store = new SqliteHistoryStore(copy))
        {
            var alert = store.GetAlerts(AlertFilter.All)[0];
            store.Acknowledge(alert.Id, "tester", "known", RecordedHistory.End).ShouldBeTrue();
        }

        var (code, output, error) = cli.Run("report", "--history", copy, "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("alerts").GetProperty("acknowledged").GetInt32().ShouldBe(1);
        json.RootElement.GetProperty("series")[0].GetProperty("acknowledged").GetInt32().ShouldBe(1);
        cli.Run("report", "--history", copy).Out.ShouldContain("(1 acknowledged)");
    }

    [Fact]
    public void Days_pruned_into_daily_aggregates_still_count()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        var all = AllValues(history.HistoryPath);

        // Ten days after the last run, raw retention (30 days from the midnight before) keeps runs from 2026-11-10 on:
        // the nine runs of 1–9 November become daily aggregates.
        cli.Clock.Now = RecordedHistory.End.AddDays(10);
        cli.Run("history", "prune", "--history", copy).Code.ShouldBe(0);
        using (var store = new SqliteHistoryStore(copy))
        {
            store.StreamRuns(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue).Count().ShouldBe(21);
        }

        var (code, output, error) = cli.Run("report", "--days", "40", "--history", copy, "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("runs").GetInt32().ShouldBe(21);
        json.RootElement.GetProperty("aggregatedDays").GetInt32().ShouldBe(9);
        var regressed = json.RootElement.GetProperty("series").EnumerateArray().Single(s => RecordedHistory.IsRegressed(s.GetProperty("seriesKey").GetString()!));
        var values = all[regressed.GetProperty("seriesKey").GetString()!];
        regressed.GetProperty("runs").GetInt32().ShouldBe(30);
        regressed.GetProperty("min").GetDouble().ShouldBe(values.Min());
        regressed.GetProperty("max").GetDouble().ShouldBe(values.Max());
        regressed.GetProperty("latest").GetDouble().ShouldBe(values[^1]);

        // Without aggregates in reach (the window starts after the pruned days) only raw runs count.
        var recent = cli.Run("report", "--days", "15", "--history", copy, "--format", "json");
        using var recentJson = JsonDocument.Parse(recent.Out);
        recentJson.RootElement.GetProperty("runs").GetInt32().ShouldBe(5);
        recentJson.RootElement.GetProperty("aggregatedDays").GetInt32().ShouldBe(0);
    }

    [Fact]
    public void The_builder_ignores_runs_alerts_and_aggregates_outside_the_window()
    {
        var window = HistoryWindow.LastDays(RecordedHistory.End, 2);
        window.Contains(RecordedHistory.End).ShouldBeTrue();
        window.Contains(RecordedHistory.End.AddDays(-2)).ShouldBeFalse();
        window.Contains(RecordedHistory.End.AddDays(-2).AddMilliseconds(1)).ShouldBeTrue();
        window.Contains(new DateOnly(2026, 11, 28)).ShouldBeTrue();
        window.Contains(new DateOnly(2026, 11, 27)).ShouldBeFalse();

        var builder = new SeriesReportBuilder(window, "main");
        builder.AddAggregate(new DailyAggregate(new DateOnly(2026, 11, 28), "main", "s", "fp", 4, 10, 8, 20, 8, 20, null));
        builder.AddAggregate(new DailyAggregate(new DateOnly(2026, 11, 27), "main", "s", "fp", 4, 99, 99, 99, 99, 99, null));
        builder.AddAggregate(new DailyAggregate(new DateOnly(2026, 11, 28), "other", "s", "fp", 4, 99, 99, 99, 99, 99, null));
        var row = builder.Build().Series.ShouldHaveSingleItem();
        row.Runs.ShouldBe(4);
        row.Min.ShouldBe(8);
        row.Max.ShouldBe(20);
        row.Median.ShouldBe(10);
        row.ChangePercent.ShouldBe(0);
    }

    private static Dictionary<string, List<double>> AllValues(string path)
    {
        using var store = new SqliteHistoryStore(path);
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var run in store.StreamRuns(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, "main"))
        {
            foreach (var result in run.Results)
            {
                (values.TryGetValue(result.SeriesKey, out var list) ? list : values[result.SeriesKey] = []).Add(result.Value!.Value);
            }
        }

        return values;
    }
}
