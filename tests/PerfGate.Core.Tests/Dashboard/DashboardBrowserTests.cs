using System.Net;
using System.Net.Sockets;
using PerfGate.Core.Rendering.Dashboard;
using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>The dashboard as a person sees it: the generated file opened in headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, TimeSpan?> Ranges = new()
    {
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
        ["all"] = null,
    };

    [Fact]
    public async Task Every_series_draws_one_marker_per_point()
    {
        var data = DashboardSamples.Realistic();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("all");

        var counts = await page.PointCountsAsync();

        counts.Count.ShouldBe(data.Series.Length);
        foreach (var series in data.Series)
        {
            counts[series.Id].ShouldBe(series.Points.Length, series.Id);
        }

        page.ShouldBeClean();
    }

    [Fact]
    public async Task A_step_found_on_main_is_marked_on_its_chart_at_the_first_run_at_the_new_level()
    {
        var data = DashboardSamples.RealisticWithSteps();
        var cold = data.Series.Single(s => s.Id == "PerfGate.Sample.Startup.ColdStart");
        var step = cold.Steps.ShouldHaveSingleItem();
        step.Percent.ShouldBeInRange(-13, -7);
        data.Series.Where(s => s != cold).ShouldAllBe(s => s.Steps.IsEmpty);
        var first = cold.Points.ToList().FindIndex(p => p.Time == step.Time);
        first.ShouldBe(55); // the shape lowers the last seven of 62 runs; two of them are PR runs, left out of main's series
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("30d");

        var chart = page.Page.Locator("svg[data-series-id='PerfGate.Sample.Startup.ColdStart']");
        var marker = chart.Locator(".pg-step");
        (await marker.CountAsync()).ShouldBe(1);
        (await marker.GetAttributeAsync("class"))!.ShouldContain("pg-step-down");
        (await marker.Locator("title").TextContentAsync())!.ShouldContain(step.Label);
        (await marker.Locator("text").TextContentAsync())!.ShouldStartWith("▼ −");
        var lineX = await marker.Locator("line").GetAttributeAsync("x1");
        var pointX = await chart.Locator($".pg-point[data-index='{first}']").GetAttributeAsync("cx");
        lineX.ShouldBe(pointX);
        (await page.Page.Locator(".pg-step").CountAsync()).ShouldBe(1);

        // Outside the chosen range the marker is not drawn: the step was five nights ago.
        await page.ChooseRangeAsync("24h");
        (await page.Page.Locator(".pg-step").CountAsync()).ShouldBe(0);
        page.ShouldBeClean();
    }

    [Fact]
    public async Task The_first_cards_show_the_latest_runs_performance_index_and_regression_score()
    {
        var index = PerformanceIndex.From(
        [
            new TargetScore("time", "APP-001 application startup", 420_000, 500_000, "ns", false, Severity.Ok),
            new TargetScore("API-002", "Prompt token count", 3_300, 3_000, "tokens", false, Severity.Warning),
        ]);
        var score = RegressionScore.From([new ScoredChange("a", Math.Log(1.1), 0.02, 10), new ScoredChange("b", Math.Log(1.1), 0.02, 10)], "the baseline");
        var data = DashboardSamples.Realistic() with
        {
            Composite = new DashboardComposite(42, DashboardSamples.Now.AddHours(-1), "abcdef1234567890", index, score),
        };
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);

        (await page.Page.Locator("#pg-composite").IsVisibleAsync()).ShouldBeTrue();
        (await page.Page.TextContentAsync("#pg-composite-run")).ShouldBe("#42 · abcdef1 · 2025-03-01T11:00:00Z");
        (await page.Page.TextContentAsync("#pg-index-value")).ShouldBe("95/100");
        (await page.Page.TextContentAsync("#pg-index-detail")).ShouldBe("95/100 (1 of 2 targets met; lowest: Prompt token count 90)");
        (await page.Page.GetAttributeAsync("#pg-index-card", "class"))!.ShouldContain("pg-status-warning");
        (await page.Page.TextContentAsync("#pg-score-value")).ShouldBe("-10.0%");
        (await page.Page.TextContentAsync("#pg-score-detail"))!.ShouldStartWith("-10.0% (95% CI -");
        (await page.Page.TextContentAsync("#pg-score-detail"))!.ShouldEndWith("against the baseline over 2 benchmarks");
        page.ShouldBeClean();

        // Without a run there are no figures to show: the section is hidden, not filled with invented ones.
        await using var empty = await DashboardPage.OpenAsync(browser.Browser, DashboardSamples.Realistic());
        (await empty.Page.Locator("#pg-composite").IsVisibleAsync()).ShouldBeFalse();
        empty.ShouldBeClean();
    }

    [Fact]
    public async Task A_daily_aggregate_point_says_so_instead_of_naming_a_run()
    {
        var small = DashboardSamples.Small();
        var first = small.Series[0];
        var data = small with { Series = [first with { Points = [first.Points[0] with { RunId = 0, Commit = null }, .. first.Points[1..]] }] };
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("all");

        var titles = await page.Page.Locator("svg[data-series-id='Bench.A'] .pg-point title").AllTextContentsAsync();

        titles[0].ShouldContain("daily aggregate of pruned runs");
        titles[0].ShouldNotContain("run 0");
        titles[1].ShouldContain("run 2");
        var csv = await page.ReadBlobAsync("#pg-csv");
        csv.Split("\r\n")[1].ShouldEndWith(",,main");   // RFC 4180 lines; no commit, no run id
        page.ShouldBeClean();
    }

    [Fact]
    public async Task Time_range_buttons_filter_charts_cards_and_alerts()
    {
        var data = DashboardSamples.Realistic();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);

        // 60 days of data: the page opens on the last 30 days.
        (await page.Page.GetAttributeAsync("body", "data-range")).ShouldBe("30d");
        (await page.Page.GetAttributeAsync("button[data-range='30d']", "aria-pressed")).ShouldBe("true");

        var totals = new Dictionary<string, int>();
        foreach (var (range, span) in Ranges)
        {
            await page.ChooseRangeAsync(range);
            var counts = await page.PointCountsAsync();
            foreach (var series in data.Series)
            {
                counts[series.Id].ShouldBe(DashboardSamples.PointsIn(series, span), $"{series.Id} in {range}");
            }

            totals[range] = counts.Values.Sum();
            var alertRows = await page.Page.Locator("#pg-alert-rows tr").CountAsync();
            alertRows.ShouldBe(data.Alerts.Count(a => span is not { } s || a.Time >= DashboardSamples.Now - s), range);
        }

        totals["24h"].ShouldBeLessThan(totals["7d"]);
        totals["7d"].ShouldBeLessThan(totals["30d"]);
        totals["30d"].ShouldBeLessThan(totals["all"]);
        page.ShouldBeClean();
    }

    [Fact]
    public async Task A_regression_shows_in_the_alert_table_with_its_severity_and_acknowledgement()
    {
        await using var page = await DashboardPage.OpenAsync(browser.Browser, DashboardSamples.Realistic());

        var critical = page.Page.Locator("#pg-alert-rows tr[data-alert-id='104']");
        (await critical.GetAttributeAsync("data-severity")).ShouldBe("critical");
        (await critical.Locator(".pg-badge").TextContentAsync()).ShouldBe("critical");
        (await critical.Locator("td").Nth(1).TextContentAsync()).ShouldStartWith("Parser.ParseLarge");
        (await critical.Locator("td").Nth(4).TextContentAsync()).ShouldBe("+18.2 %");
        (await critical.Locator("[data-ack]").TextContentAsync()).ShouldBe("open");

        var acknowledged = page.Page.Locator("#pg-alert-rows tr[data-alert-id='103']");
        (await acknowledged.GetAttributeAsync("data-severity")).ShouldBe("warning");
        (await acknowledged.Locator("[data-ack]").TextContentAsync()).ShouldBe("✓ alice · 2025-02-28 12:00");
        (await acknowledged.TextContentAsync() ?? "").ShouldContain("Known: the new validation pass, tracked in #412", Case.Sensitive);

        // The regressed benchmark's card is red, its latest point is a critical marker, and its trend arrow points up in red.
        var card = page.Page.Locator($"article[data-card-id='{DashboardSamples.RegressedId}']");
        (await card.GetAttributeAsync("data-status")).ShouldBe("critical");
        (await card.Locator(".pg-point.pg-alert-critical").CountAsync()).ShouldBe(1);
        (await card.Locator(".pg-point.pg-alert-warning").CountAsync()).ShouldBe(1);
        (await card.Locator(".pg-trend").TextContentAsync()).ShouldBe("↑");
        (await card.Locator(".pg-trend").GetAttributeAsync("data-trend")).ShouldBe("worse");
        (await card.Locator(".pg-point.pg-alert-critical title").TextContentAsync() ?? "").ShouldContain("critical (statistical)", Case.Sensitive);

        // Throughput went up: for a bigger-is-better metric that is better, in green.
        var throughput = page.Page.Locator("article[data-card-id='PerfGate.Sample.Cache.Lookup']");
        (await throughput.Locator(".pg-trend").GetAttributeAsync("data-trend")).ShouldBe("better");
        (await throughput.Locator(".pg-trend").TextContentAsync()).ShouldBe("↑");
        page.ShouldBeClean();
    }

    [Fact]
    public async Task The_csv_links_hold_what_is_shown()
    {
        var data = DashboardSamples.Realistic();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("7d");

        (await page.Page.GetAttributeAsync("#pg-csv", "download")).ShouldBe("perfgate-7d.csv");
        var lines = (await page.ReadBlobAsync("#pg-csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("series_id,series_name,time,value,unit,commit,run_id,branch");
        lines.Length.ShouldBe(1 + data.Series.Sum(s => DashboardSamples.PointsIn(s, TimeSpan.FromDays(7))));
        var last = data.Series[1].Points[^1];
        lines.ShouldContain(l => l.StartsWith($"{DashboardSamples.RegressedId},Parser.ParseLarge,2025-03-01T10:00:00Z,", StringComparison.Ordinal)
            && l.EndsWith($",ns,{last.Commit},{last.RunId},feature/faster-parser", StringComparison.Ordinal));

        var alerts = (await page.ReadBlobAsync("#pg-csv-alerts")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        alerts[0].ShouldStartWith("alert_id,time,series_id,series_name,tier,severity,");
        alerts.Length.ShouldBe(1 + data.Alerts.Count(a => a.Time >= DashboardSamples.Now.AddDays(-7)));

        // The search box narrows the download too.
        await page.Page.FillAsync("#pg-search", "ParseSmall");
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('article.pg-card:not([hidden])').length === 1");
        var narrowed = (await page.ReadBlobAsync("#pg-csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        narrowed.Length.ShouldBe(1 + DashboardSamples.PointsIn(data.Series[0], TimeSpan.FromDays(7)));
        page.ShouldBeClean();
    }

    [Fact]
    public async Task Csv_quotes_names_with_commas_and_quotes()
    {
        await using var page = await DashboardPage.OpenAsync(browser.Browser, DashboardSamples.Hostile());

        var lines = (await page.ReadBlobAsync("#pg-csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => l.StartsWith("\"csv,\"\"id\"\"\",\"Csv \"\"quoted\"\", name\",", StringComparison.Ordinal)).Count().ShouldBe(5);
        page.ShouldBeClean();
    }

    [Fact]
    public async Task Hostile_names_render_as_text_and_run_nothing()
    {
        var data = DashboardSamples.Hostile();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);

        var names = await page.Page.Locator(".pg-card-name").AllTextContentsAsync();
        names.ShouldBe([DashboardSamples.ImgName, DashboardSamples.ScriptName, DashboardSamples.CsvHostileName]);
        (await page.Page.Locator("#pg-title").TextContentAsync()).ShouldBe(data.Title);
        (await page.Page.TitleAsync()).ShouldBe(data.Title);
        (await page.Page.Locator("#pg-alert-rows tr").TextContentAsync() ?? "").ShouldContain("</script><img src=x onerror=\"window.__pwned=2\">", Case.Sensitive);
        (await page.Page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'")).ShouldBeTrue();
        (await page.Page.Locator("main img, header img, script:not(#perfgate-data)").CountAsync()).ShouldBe(1, "only the page's own script");
        (await page.PointCountsAsync()).Count.ShouldBe(3);
        await page.Page.HoverAsync("svg[data-series-id='xss.img'] .pg-point >> nth=0");
        (await page.Page.Locator("#pg-tooltip").TextContentAsync()).ShouldStartWith(DashboardSamples.ImgName);
        page.ShouldBeClean();
    }

    [Fact]
    public async Task Search_and_only_with_alerts_filter_the_cards()
    {
        var data = DashboardSamples.Realistic();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("all");

        await page.Page.CheckAsync("#pg-only-alerts");
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('article.pg-card:not([hidden])').length === 3");
        (await page.PointCountsAsync()).Keys.Order().ShouldBe(["PerfGate.Sample.Parser.ParseLarge", "PerfGate.Sample.Serializer.RoundTrip", "PerfGate.Sample.Startup.ColdStart"]);

        await page.Page.UncheckAsync("#pg-only-alerts");
        await page.Page.FillAsync("#pg-search", "parser.");
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('article.pg-card:not([hidden])').length === 2");
        (await page.Page.Locator("#pg-alert-rows tr").CountAsync()).ShouldBe(2);
        (await page.Page.Locator("#pg-series-count").TextContentAsync()).ShouldBe("(2 of 6)");
        page.ShouldBeClean();
    }

    [Fact]
    public async Task With_200_series_charts_are_drawn_as_they_scroll_into_view()
    {
        var data = DashboardSamples.Large(200, 90, 100);
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        await page.ChooseRangeAsync("all");

        var drawn = (await page.PointCountsAsync()).Count;
        drawn.ShouldBeGreaterThan(0);
        drawn.ShouldBeLessThan(60);

        var lastId = data.Series[^1].Id;
        await page.Page.Locator("article.pg-card").Last.ScrollIntoViewIfNeededAsync();
        await page.Page.WaitForFunctionAsync("id => !!document.querySelector(`svg[data-series-id=\"${id}\"]`)", lastId);
        (await page.PointCountsAsync())[lastId].ShouldBe(90);

        await page.Page.FillAsync("#pg-search", "Benchmark19");
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('article.pg-card:not([hidden])').length === 11");
        page.ShouldBeClean();
    }

    [Fact]
    public async Task Works_served_over_loopback_http()
    {
        var html = DashboardRenderer.Render(DashboardSamples.Realistic());
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = ServeAsync(server, html, cts.Token);

        await using (var page = await DashboardPage.OpenUrlAsync(browser.Browser, $"http://127.0.0.1:{port}/"))
        {
            (await page.PointCountsAsync()).Count.ShouldBe(6);
            page.ShouldBeClean();
        }

        await cts.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task Screenshot_of_a_realistic_dashboard()
    {
        await using var page = await DashboardPage.OpenAsync(browser.Browser, DashboardSamples.Realistic(), 1400, 900);
        var path = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.Page.ScreenshotAsync(new() { Path = path, FullPage = true });

        new FileInfo(path).Length.ShouldBeGreaterThan(10_000);
        // The lead's hand-off folder, when this machine has one; nothing is created outside the test output.
        if (Directory.Exists("/work/artifacts"))
        {
            File.Copy(path, "/work/artifacts/dashboard.png", overwrite: true);
        }

        page.ShouldBeClean();
    }

    // The smallest static server: every GET gets the page; anything else (a favicon, a stray fetch) a 404 the test would see.
    private static async Task ServeAsync(TcpListener server, string html, CancellationToken cancel)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(html);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                using var client = await server.AcceptTcpClientAsync(cancel);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(cancel) ?? "";
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancel)))
                {
                }

                var ok = requestLine.StartsWith("GET / ", StringComparison.Ordinal);
                var payload = ok ? body : System.Text.Encoding.UTF8.GetBytes("not found");
                var head = $"HTTP/1.1 {(ok ? "200 OK" : "404 Not Found")}\r\nContent-Type: {(ok ? "text/html; charset=utf-8" : "text/plain")}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), cancel);
                await stream.WriteAsync(payload, cancel);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
