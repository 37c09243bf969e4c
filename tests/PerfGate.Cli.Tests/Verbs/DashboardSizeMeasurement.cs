using System.Diagnostics;
using System.Globalization;
using PerfGate.Core.History;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// Measures, never asserts on time: <c>perfgate dashboard</c> end to end (open the SQLite file, stream the runs, read
/// the aggregates and alerts, render, write) on a real history of 200 benchmarks × 365 daily runs made by
/// <see cref="SyntheticHistory"/>, as recorded (365 raw runs) and after retention (30 days raw, the rest daily
/// aggregates), and the other reading verbs (status, report for the year, alerts, export) on the same file. Run it with <c>dotnet test tests/PerfGate.Cli.Tests -c Release --filter Category=Measure --logger "console;verbosity=detailed"</c>;
/// the figures also go to <c>TestResults/dashboard-verb-size.txt</c>.
/// </summary>
[Trait("Category", "Measure")]
public sealed class DashboardSizeMeasurement(ITestOutputHelper output)
{
    private const int Series = 200;
    private const int Days = 365;
    private static readonly DateTimeOffset End = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Measure_200_benchmarks_by_365_daily_runs()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = End;
        var raw = cli.Path("raw.db");
        var generate = Stopwatch.StartNew();
        SyntheticHistory.Generate(raw, Series, Days, new SyntheticHistoryOptions { Start = End.AddDays(-(Days - 1)), Interval = TimeSpan.FromDays(1) });
        var generateSeconds = generate.Elapsed.TotalSeconds;

        var pruned = cli.Path("pruned.db");
        File.Copy(raw, pruned);
        using (var store = new SqliteHistoryStore(pruned))
        {
            store.Prune(End);
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"history: {Series} benchmarks x {Days} daily runs on main ({Series * Days:N0} results, 3 launches x 5 values each), generated in {generateSeconds:F0} s"),
        };
        foreach (var (label, path) in new[] { ("as recorded (365 raw runs)", raw), ("after retention (30 days raw + daily aggregates)", pruned) })
        {
            var times = new List<double>();
            long bytes = 0;
            for (var round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                var (code, text, error) = cli.Run("dashboard", "--out", cli.Path("site-" + round), "--history", path);
                times.Add(clock.Elapsed.TotalMilliseconds);
                code.ShouldBe(0, error);
                var wrote = DashboardCommandTests.WroteLine().Match(text);
                wrote.Groups["series"].Value.ShouldBe(Series.ToString(CultureInfo.InvariantCulture), text);
                // Every day is a point, whether a raw run or (after retention) the day's aggregate.
                wrote.Groups["points"].Value.ShouldBe((Series * Days).ToString(CultureInfo.InvariantCulture), text);
                bytes = new FileInfo(cli.Path("site-" + round, "index.html")).Length;
            }

            var sorted = times.Order().ToArray();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label}: db {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB -> index.html {bytes:N0} bytes ({bytes / 1024.0 / 1024.0:F2} MiB); " +
                $"dashboard verb median {sorted[1]:F0} ms of 3 ({string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms; reading the history included)"));
        }

        // The other reading verbs on the same year of history, as recorded.
        foreach (var verb in new[]
        {
            new[] { "status" },
            ["report", "--days", "365"],
            ["alerts"],
            ["export", "--format", "csv", "--output", cli.Path("export.csv")],
            ["export", "--format", "json", "--output", cli.Path("export.json")],
        })
        {
            var times = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                var (code, _, error) = cli.Run([.. verb, "--history", raw]);
                times.Add(clock.Elapsed.TotalMilliseconds);
                code.ShouldBe(0, error);
            }

            var sorted = times.Order().ToArray();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"perfgate {string.Join(' ', verb.Where(a => !a.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)))}: median {sorted[1]:F0} ms of 3 ({string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms)"));
        }

        File.ReadLines(cli.Path("export.csv")).Count().ShouldBe(1 + (Series * Days));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"export sizes: CSV {new FileInfo(cli.Path("export.csv")).Length / 1024.0 / 1024.0:F1} MiB, JSON {new FileInfo(cli.Path("export.json")).Length / 1024.0 / 1024.0:F1} MiB ({Series * Days:N0} rows)"));

        var report = string.Join(Environment.NewLine, lines);
        output.WriteLine(report);
        var results = Path.Combine(Directory.GetCurrentDirectory(), "TestResults");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "dashboard-verb-size.txt"), report + Environment.NewLine);
    }
}
