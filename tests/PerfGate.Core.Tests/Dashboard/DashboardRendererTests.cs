using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PerfGate.Core.Rendering.Dashboard;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>The page as text: the committed snapshot, the embedded data, and writing it to disk.</summary>
public sealed class DashboardRendererTests
{
    private const string SnapshotName = "dashboard-small.html";

    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    [InlineData("de-DE")]
    public void Matches_the_committed_snapshot_in_any_culture(string culture)
    {
        var html = InCulture(culture, () => DashboardRenderer.Render(DashboardSamples.Small()));

        if (Environment.GetEnvironmentVariable("PERFGATE_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SourcePath(), html);
            return;
        }

        html.ShouldBe(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dashboard", "Snapshots", SnapshotName)),
            "set PERFGATE_UPDATE_SNAPSHOTS=1 to accept a deliberate change, then review the diff");
    }

    [Fact]
    public void Embedded_data_is_compact_and_invariant()
    {
        var data = InCulture("ru-RU", () => DataBlock(DashboardRenderer.Render(DashboardSamples.Small())));

        data.ShouldStartWith("""{"v":1,"title":"Snapshot","note":"invariant numbers: 1234.5","generated":1736737200,"base":1736474400,"series":[{"id":"Bench.A","name":"Bench A, 1 000 items","unit":"ns","bib":false,"median":1240.5,"p5":1200.25,"p95":1280.75,"target":1300,"v":[1234.57,1250.5,null,1490.25],"r":[0,1,2,3]}""");
        using var json = JsonDocument.Parse(data);
        json.RootElement.GetProperty("runs").GetArrayLength().ShouldBe(4, "a run is written once, however many series it measured");
        json.RootElement.GetProperty("runs")[3].ToString().ShouldBe("""[4,"c3d4e5f60718293a4b5c6d7e8f90123456789012","feature/x",259200]""");
        var alerts = json.RootElement.GetProperty("alerts");
        alerts[0].GetProperty("id").GetInt64().ShouldBe(7, "newest first");
        alerts[0].GetProperty("p").GetInt32().ShouldBe(3, "drawn on the point it was raised for");
        alerts[1].GetProperty("s").GetInt32().ShouldBe(-1, "its series is not on the page");
    }

    [Fact]
    public void No_text_can_close_the_data_block()
    {
        var html = DashboardRenderer.Render(DashboardSamples.Hostile());
        var data = DataBlock(html);

        data.ShouldNotContain("<");
        data.ShouldNotContain(">");
        data.ShouldNotContain("&");
        data.ShouldNotContain("\u2028");
        html.Split("</script", StringSplitOptions.None).Length.ShouldBe(3, "the data block and the script close, and nothing else");
        html.ShouldContain("<title>&lt;script&gt;window.__pwned=4&lt;/script&gt; &amp; co</title>");
        using var json = JsonDocument.Parse(data);
        json.RootElement.GetProperty("series")[1].GetProperty("name").GetString().ShouldBe(DashboardSamples.ScriptName);
        json.RootElement.GetProperty("alerts")[0].GetProperty("msg").GetString().ShouldBe("</script><img src=x onerror=\"window.__pwned=2\">\u2028line");
    }

    [Fact]
    public void Page_needs_nothing_from_outside()
    {
        // The SVG namespace is a name, not a place the page goes.
        var html = DashboardRenderer.Render(DashboardSamples.Realistic()).Replace("'http://www.w3.org/2000/svg'", "", StringComparison.Ordinal);

        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("innerHTML");
        html.ShouldContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src &#39;sha256-");
    }

    [Fact]
    public void Writer_replaces_index_html_atomically_and_returns_its_path()
    {
        var dir = Path.Combine(Fixture.TempDir(), "site");

        var first = DashboardWriter.Write(DashboardSamples.Small(), dir);
        var second = DashboardWriter.Write(DashboardSamples.Realistic(), dir);

        first.ShouldBe(Path.Combine(Path.GetFullPath(dir), "index.html"));
        second.ShouldBe(first);
        Directory.GetFiles(dir).ShouldBe([first], "no temp file is left behind");
        File.ReadAllText(second).ShouldBe(DashboardRenderer.Render(DashboardSamples.Realistic()));
    }

    [Fact]
    public void Empty_dashboard_renders()
    {
        var html = DashboardRenderer.Render(new DashboardData(DashboardSamples.Now, "Empty", [], [], null));

        DataBlock(html).ShouldBe("""{"v":1,"title":"Empty","note":null,"generated":1740830400,"base":1740830400,"series":[],"runs":[],"alerts":[]}""");
    }

    internal static string DataBlock(string html)
    {
        const string open = "<script type=\"application/json\" id=\"perfgate-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    private static T InCulture<T>(string name, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static string SourcePath([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Snapshots", SnapshotName);
}
