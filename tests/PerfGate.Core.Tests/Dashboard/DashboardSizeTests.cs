using System.Diagnostics;
using System.Text;
using PerfGate.Core.Rendering.Dashboard;
using Xunit.Abstractions;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>Measures, never asserts on time: how big and how slow the page is for a large history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardSizeTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Measure_200_series_of_365_points_and_500_alerts()
    {
        var data = DashboardSamples.Large(200, 365, 500);
        DashboardRenderer.Render(DashboardSamples.Small()); // warm up: load the embedded assets, JIT

        var clock = Stopwatch.StartNew();
        var html = DashboardRenderer.Render(data);
        var renderMs = clock.Elapsed.TotalMilliseconds;
        var bytes = Encoding.UTF8.GetByteCount(html);
        var dataBytes = Encoding.UTF8.GetByteCount(DashboardRendererTests.DataBlock(html));

        clock.Restart();
        await using var page = await DashboardPage.OpenAsync(browser.Browser, data);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await page.ChooseRangeAsync("all");
        var rangeMs = clock.Elapsed.TotalMilliseconds;
        // The page's own time to apply a filter (cards, visible charts, alert table, CSV blobs), without the round trip.
        var applyMs = await page.Page.EvaluateAsync<double>("() => { const t = performance.now(); document.querySelector(\"button[data-range='7d']\").click(); return performance.now() - t; }");
        var applyAllMs = await page.Page.EvaluateAsync<double>("() => { const t = performance.now(); document.querySelector(\"button[data-range='all']\").click(); return performance.now() - t; }");

        var report = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"200 series x 365 points + 500 alerts: {bytes:N0} bytes ({dataBytes:N0} of them data), rendered in {renderMs:F0} ms; " +
            $"opened in Chromium (file:// to ready) in {loadMs:F0} ms; switching to 'all' took {rangeMs:F0} ms (round trip), applying '7d' {applyMs:F0} ms and 'all' {applyAllMs:F0} ms in the page");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Fixture.TempDir(), "size.txt"), report);
        var results = Path.Combine(Directory.GetCurrentDirectory(), "TestResults");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "dashboard-size.txt"), report + "\n");
        bytes.ShouldBeGreaterThan(0);
        page.ShouldBeClean();
    }
}
