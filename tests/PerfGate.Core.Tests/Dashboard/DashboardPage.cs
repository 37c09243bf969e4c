using Microsoft.Playwright;
using PerfGate.Core.Rendering.Dashboard;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>
/// A rendered dashboard opened in its own browser context, recording everything that must not happen:
/// console errors, page errors, dialogs, and requests that leave the page.
/// </summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private DashboardPage(IBrowserContext context, IPage page, string url)
    {
        _context = context;
        Page = page;
        Url = url;
    }

    public IPage Page { get; }

    public string Url { get; }

    public List<string> Errors { get; } = [];

    public List<string> Dialogs { get; } = [];

    public List<string> Requests { get; } = [];

    /// <summary>Writes the dashboard to a fresh folder and opens it through <c>file://</c>.</summary>
    public static Task<DashboardPage> OpenAsync(IBrowser browser, DashboardData data, int width = 1280, int height = 900)
    {
        var path = DashboardWriter.Write(data, Fixture.TempDir());
        return OpenUrlAsync(browser, new Uri(path).AbsoluteUri, width, height);
    }

    public static async Task<DashboardPage> OpenUrlAsync(IBrowser browser, string url, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var session = new DashboardPage(context, page, url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => session.Errors.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            session.Dialogs.Add(dialog.Type + ": " + dialog.Message);
            await dialog.DismissAsync();
        };
        page.Request += (_, request) =>
        {
            if (request.Url != url && !request.Url.StartsWith("blob:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                session.Requests.Add(request.Url);
            }
        };
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("body[data-ready='true']", new() { Timeout = 15_000 });
        return session;
    }

    public async Task ChooseRangeAsync(string range)
    {
        await Page.ClickAsync($"button.pg-range[data-range='{range}']");
        await Page.WaitForSelectorAsync($"body[data-range='{range}']");
    }

    /// <summary>Number of <c>.pg-point</c> markers per drawn chart of a shown card, keyed by <c>data-series-id</c>.</summary>
    public async Task<Dictionary<string, int>> PointCountsAsync()
    {
        var pairs = await Page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('article.pg-card:not([hidden]) svg[data-series-id]')).map(s => [s.getAttribute('data-series-id'), String(s.querySelectorAll('.pg-point').length)])");
        return pairs.ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<string> ReadBlobAsync(string linkSelector) =>
        Page.EvaluateAsync<string>("async sel => await (await fetch(document.querySelector(sel).href)).text()", linkSelector);

    /// <summary>Nothing went wrong on the page: no console or page error, no dialog, no request that left it.</summary>
    public void ShouldBeClean()
    {
        Errors.ShouldBeEmpty();
        Dialogs.ShouldBeEmpty();
        Requests.ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
