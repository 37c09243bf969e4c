using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;
using PerfGate.Core.Tests.Dashboard;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// <c>perfgate dashboard</c> on a history recorded through <c>check --record</c> (30 daily runs, a regression in the
/// last three): what it writes and says, and its usage errors. <see cref="DashboardPageTests"/> opens the page.
/// </summary>
public sealed partial class DashboardCommandTests(RecordedHistory history, ITestOutputHelper output) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void Help_describes_the_options()
    {
        var (code, text, _) = history.Cli.Run("dashboard", "--help");

        code.ShouldBe(0);
        foreach (var option in new[] { "--out", "--history", "--days", "--branch", "--config", "--baseline", "--title" })
        {
            text.ShouldContain(option);
        }
    }

    [Fact]
    public void Writes_every_series_of_the_branch_and_says_what_it_wrote()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;
        var series = SeriesPoints(history);

        var (code, text, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath);

        code.ShouldBe(0, error);
        output.WriteLine(text);
        var line = WroteLine().Match(text);
        line.Success.ShouldBeTrue(text);
        line.Groups["path"].Value.ShouldBe(cli.Path("site", "index.html"));
        Number(line, "series").ShouldBe(series.Count);
        Number(line, "points").ShouldBe(series.Count * history.Runs);
        Number(line, "alerts").ShouldBe(Alerts(history).Count);
        ((double)Number(line, "kb")).ShouldBe(new FileInfo(cli.Path("site", "index.html")).Length / 1024.0, tolerance: 0.5);
        error.ShouldBeEmpty();
        Directory.GetFiles(cli.Path("site")).Select(Path.GetFileName).ShouldBe(["index.html"]);
    }

    [Fact]
    public void Days_keeps_the_runs_of_the_last_days_only()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;

        var (code, text, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath, "--days", "7");

        code.ShouldBe(0, error);
        var line = WroteLine().Match(text);
        // Runs at End, End − 1 d, …, End − 7 d: the oldest sits exactly on the cut-off and is kept.
        Number(line, "points").ShouldBe(SeriesPoints(history).Count * 8, text);
    }

    [Fact]
    public void Config_targets_and_the_committed_baseline_reach_the_page()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;
        File.WriteAllText(cli.Path("perfgate.json"), """{ "targets": [ { "benchmark": "*.Join(Count=100, Separator=a b)*", "target": "3us" } ] }""");
        var baseline = BaselineStore.LoadAny([history.Source]);

        var (code, _, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath, "--config", cli.Path("perfgate.json"), "--baseline", history.Source, "--title", "Parser <perf>");

        code.ShouldBe(0, error);
        using var data = JsonDocument.Parse(DataBlock(File.ReadAllText(cli.Path("site", "index.html"))));
        data.RootElement.GetProperty("title").GetString().ShouldBe("Parser <perf>");
        data.RootElement.GetProperty("note").GetString().ShouldBe(
            "branch main: 30 runs from 2026-11-01 to 2026-11-30 · band: committed baseline (its median and the p5–p95 of its measurements)");
        var series = data.RootElement.GetProperty("series").EnumerateArray().ToArray();
        series.Length.ShouldBe(baseline.Results.Length);
        foreach (var s in series)
        {
            var id = s.GetProperty("id").GetString()!;
            var expected = baseline.Results.Single(r => r.Id.Key == id);
            ShouldBeNear(s.GetProperty("median").GetDouble(), expected.Statistics!.Median, id);
            ShouldBeNear(s.GetProperty("p5").GetDouble(), Quantiles.Of(expected.AllValues, 0.05)!.Value, id);
            ShouldBeNear(s.GetProperty("p95").GetDouble(), Quantiles.Of(expected.AllValues, 0.95)!.Value, id);
            var target = s.GetProperty("target");
            if (id.Contains("Join(Count=100, Separator=a b)", StringComparison.Ordinal))
            {
                target.GetDouble().ShouldBe(3000, id);
            }
            else
            {
                target.ValueKind.ShouldBe(JsonValueKind.Null, id);
            }
        }

        series.Count(s => s.GetProperty("target").ValueKind == JsonValueKind.Number).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_missing_history_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var (code, text, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", cli.Path("none.db"));

        code.ShouldBe(2);
        text.ShouldBeEmpty();
        error.Trim().ShouldBe($"perfgate: {cli.Path("none.db")}: no history file; record runs with 'perfgate check --record' (or pass --history)");
        Directory.Exists(cli.Path("site")).ShouldBeFalse();
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_a_usage_error()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.Path("taken"), "a file, not a folder");

        var (code, _, error) = cli.Run("dashboard", "--out", cli.Path("taken"), "--history", history.HistoryPath);

        code.ShouldBe(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem()
            .ShouldStartWith($"perfgate: {cli.Path("taken")}: cannot write the dashboard there (");
        File.ReadAllText(cli.Path("taken")).ShouldBe("a file, not a folder");
    }

    [Theory]
    [InlineData("--days", "0", "perfgate: --days must be a positive number of days, not 0")]
    [InlineData("--days", "-3", "perfgate: --days must be a positive number of days, not -3")]
    [InlineData("--branch", "release", "no run recorded on branch 'release' (the latest run is on 'main'); pass --branch")]
    public void Bad_option_values_are_usage_errors(string option, string value, string message)
    {
        using var cli = new CliRunner();

        var (code, _, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath, option, value);

        code.ShouldBe(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldEndWith(message);
        Directory.Exists(cli.Path("site")).ShouldBeFalse();
    }

    [Fact]
    public void Progress_shows_on_a_terminal_and_is_cleared()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;
        var errorWriter = new StringWriter();
        var env = new CliEnvironment(new StringWriter(), errorWriter, cli.Variables, cli.Directory, cli.Clock) { IsErrorTerminal = true };

        var code = PerfGateApp.Run(["dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath], env);

        code.ShouldBe(0, errorWriter.ToString());
        var progress = errorWriter.ToString();
        progress.ShouldContain("reading history…");
        progress.ShouldEndWith("\r");
        progress.Split('\r').Last(p => p.Trim().Length > 0).ShouldContain("series' daily aggregates");
    }

    /// <summary>Every series of the recorded history with the times of its measured points, read straight from the store.</summary>
    internal static Dictionary<string, List<DateTimeOffset>> SeriesPoints(RecordedHistory history)
    {
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var series = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var run in store.StreamRuns(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, "main"))
        {
            foreach (var result in run.Results.Where(r => r.Value is { } v && double.IsFinite(v)))
            {
                (series.TryGetValue(result.SeriesKey, out var times) ? times : series[result.SeriesKey] = []).Add(run.Run.Timestamp);
            }
        }

        return series;
    }

    /// <summary>Display name per series key, as the last run stored them.</summary>
    internal static Dictionary<string, string> DisplayNames(RecordedHistory history)
    {
        using var store = new SqliteHistoryStore(history.HistoryPath);
        return store.GetResults(history.RunIds[^1]).ToDictionary(r => r.SeriesKey, r => r.DisplayName, StringComparer.Ordinal);
    }

    internal static IReadOnlyList<StoredAlert> Alerts(RecordedHistory history)
    {
        using var store = new SqliteHistoryStore(history.HistoryPath);
        return store.GetAlerts(AlertFilter.All);
    }

    /// <summary>The page keeps 6 significant digits.</summary>
    private static void ShouldBeNear(double actual, double expected, string what) =>
        actual.ShouldBe(expected, tolerance: Math.Abs(expected) * 1e-5, what);

    private static string DataBlock(string html)
    {
        const string open = "<script type=\"application/json\" id=\"perfgate-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    private static int Number(Match line, string group) => int.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^perfgate: wrote (?<path>.+) \((?<series>\d+) series, (?<points>\d+) points, (?<alerts>\d+) alerts, (?<kb>\d+) KB\) in \d+ ms$", RegexOptions.Multiline)]
    internal static partial Regex WroteLine();
}

/// <summary>
/// The page <c>perfgate dashboard</c> writes from the recorded history, opened through <c>file://</c> in headless
/// Chromium as a person would open it; fails (never skips) without <c>/usr/bin/chromium</c>, like the core browser tests.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(RecordedHistory history, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<RecordedHistory>
{
    private const string ScreenshotName = "dashboard-30-runs.png";

    [Fact]
    public async Task The_page_shows_every_series_filters_by_time_and_lists_the_regression()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;
        var (code, _, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", history.HistoryPath);
        code.ShouldBe(0, error);
        var url = new Uri(cli.Path("site", "index.html")).AbsoluteUri;
        var series = DashboardCommandTests.SeriesPoints(history);
        var alerts = DashboardCommandTests.Alerts(history);
        var names = DashboardCommandTests.DisplayNames(history);
        series.Count.ShouldBeGreaterThan(1);
        alerts.ShouldNotBeEmpty();

        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        try
        {
            var page = await context.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    problems.Add("console: " + message.Text);
                }
            };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.Request += (_, request) =>
            {
                if (request.Url != url && !request.Url.StartsWith("blob:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    problems.Add("request: " + request.Url);
                }
            };
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 15_000 });

            // 29 days of data: the page opens on "all".
            (await page.GetAttributeAsync("body", "data-range")).ShouldBe("all");

            // Runs are daily at noon and the page's "now" is the last run: 24 h reaches back to yesterday's run, 7 d to 8 runs.
            var expected = new Dictionary<string, int> { ["24h"] = 2, ["7d"] = 8, ["30d"] = 30, ["all"] = 30 };
            foreach (var (range, perSeries) in expected)
            {
                await ChooseRangeAsync(page, range);
                var counts = await PointCountsAsync(page);
                counts.Keys.ShouldBe(series.Keys, ignoreOrder: true, range);
                foreach (var (key, times) in series)
                {
                    var inRange = range == "all" ? times.Count : times.Count(t => t >= RecordedHistory.End - Span(range));
                    inRange.ShouldBe(perSeries, $"{key} in {range} (the history)");
                    counts[key].ShouldBe(perSeries, $"{key} in {range} (the page)");
                }
            }

            // The recorded regression: each of its alerts is a row with its severity, on the regressed benchmark.
            await ChooseRangeAsync(page, "all");
            (await page.Locator("#pg-alert-rows tr").CountAsync()).ShouldBe(alerts.Count);
            foreach (var alert in alerts)
            {
                var row = page.Locator($"#pg-alert-rows tr[data-alert-id='{alert.Id.ToString(CultureInfo.InvariantCulture)}']");
                var severity = alert.Severity.ToString().ToLowerInvariant();
                (await row.GetAttributeAsync("data-severity")).ShouldBe(severity);
                (await row.Locator(".pg-badge").TextContentAsync()).ShouldBe(severity);
                var benchmark = await row.Locator("td").Nth(1).TextContentAsync();
                benchmark.ShouldStartWith(names[alert.SeriesKey]);
                benchmark.ShouldContain("Join(Count=100, Separator=a b)");
                (await row.Locator("[data-ack]").TextContentAsync()).ShouldBe("open");
            }

            alerts.Select(a => a.Severity).ShouldContain(s => s >= Severity.Error);

            var screenshot = await page.ScreenshotAsync(new() { FullPage = true });
            foreach (var path in new[] { Path.Combine(RepoPaths.Artifacts(), ScreenshotName), Path.Combine(AppContext.BaseDirectory, "artifacts", ScreenshotName) })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, screenshot);
                output.WriteLine($"screenshot: {path}");
            }

            screenshot.Length.ShouldBeGreaterThan(10_000);

            // The first screen (what docs/images/dashboard.png shows): the alerts and the first cards.
            var top = Path.Combine(RepoPaths.Artifacts(), "dashboard-30-runs-top.png");
            await File.WriteAllBytesAsync(top, await page.ScreenshotAsync());
            output.WriteLine($"screenshot: {top}");
            problems.ShouldBeEmpty();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Issue 6's attack end to end: benchmarks named with markup go through BenchmarkDotNet JSON, <c>check --record</c>
    /// (a slowdown, so they also have alert rows), the history and <c>perfgate dashboard</c>, and the page shows the
    /// names as text and runs none of them.
    /// </summary>
    [Fact]
    public async Task Benchmark_names_holding_markup_are_shown_as_text_and_run_no_script()
    {
        string[] names = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "\"><svg onload=alert(3)>"];
        using var cli = new CliRunner();
        var db = cli.Path("history.db");
        for (var day = 0; day < 12; day++)
        {
            cli.Clock.Now = RecordedHistory.End.AddDays(day - 11);
            var results = Faults.ResultsFiles.WithNames(cli.Path($"day{day}", "report-full.json"), names, factor: day < 10 ? 1.0 : 3.0);
            var (recorded, _, recordError) = cli.Run("check", "--results", results, "--history", db, "--record", "--branch", "main", "--commit", RecordedHistory.CommitOf(day));
            recorded.ShouldBeOneOf([0, 1], recordError);
        }

        using (var store = new SqliteHistoryStore(db))
        {
            store.GetAlerts(AlertFilter.All).ShouldNotBeEmpty("the slowed days should have recorded alerts on the hostile names");
        }

        var (code, _, error) = cli.Run("dashboard", "--out", cli.Path("site"), "--history", db);
        code.ShouldBe(0, error);
        var url = new Uri(cli.Path("site", "index.html")).AbsoluteUri;

        var context = await browser.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var dialogs = new List<string>();
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 15_000 });
            await ChooseRangeAsync(page, "all");

            // No element a name could smuggle in exists, so no handler can fire later; and none fired while the page drew.
            dialogs.ShouldBeEmpty();
            (await page.Locator("img").CountAsync()).ShouldBe(0, "an <img> from a name");
            (await page.Locator("svg[onload]").CountAsync()).ShouldBe(0, "an <svg onload> from a name");
            (await page.Locator("script:not([type='application/json'])").CountAsync()).ShouldBe(1, "only the page's own script");
            var text = await page.InnerTextAsync("body");
            foreach (var name in names)
            {
                text.ShouldContain(name, Case.Sensitive);
            }

            (await page.Locator("#pg-alert-rows tr").CountAsync()).ShouldBeGreaterThan(0);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static TimeSpan Span(string range) => range switch
    {
        "24h" => TimeSpan.FromHours(24),
        "7d" => TimeSpan.FromDays(7),
        "30d" => TimeSpan.FromDays(30),
        _ => TimeSpan.MaxValue,
    };

    private static async Task ChooseRangeAsync(IPage page, string range)
    {
        await page.ClickAsync($"button.pg-range[data-range='{range}']");
        await page.WaitForSelectorAsync($"body[data-range='{range}']");
    }

    /// <summary>Number of <c>.pg-point</c> markers per drawn chart of a shown card, keyed by <c>data-series-id</c>.</summary>
    private static async Task<Dictionary<string, int>> PointCountsAsync(IPage page)
    {
        var pairs = await page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('article.pg-card:not([hidden]) svg[data-series-id]')).map(s => [s.getAttribute('data-series-id'), String(s.querySelectorAll('.pg-point').length)])");
        return pairs.ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
    }
}
