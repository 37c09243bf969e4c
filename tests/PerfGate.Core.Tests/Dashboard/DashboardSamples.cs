using System.Collections.Immutable;
using PerfGate.Core.Rendering.Dashboard;

namespace PerfGate.Core.Tests.Dashboard;

/// <summary>Named dashboards for the tests, built from readable literals and a fixed seed.</summary>
internal static class DashboardSamples
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const string RegressedId = "PerfGate.Sample.Parser.ParseLarge";
    public const string CsvHostileName = "Csv \"quoted\", name";
    public const string ImgName = "<img src=x onerror=alert(1)>";
    public const string ScriptName = "</script><script>window.__pwned=1</script>";

    /// <summary>60 days of nightly runs on main plus two PR runs today; one benchmark regressed at the end.</summary>
    public static DashboardData Realistic()
    {
        var runs = Runs();
        var series = ImmutableArray.Create(
            Series("PerfGate.Sample.Parser.ParseSmall", "Parser.ParseSmall", "ns", runs, 1_250, 0.02, (_, _) => 1.0, 1_250, 1_212, 1_290, 1_400),
            Series(RegressedId, "Parser.ParseLarge", "ns", runs, 2_400_000, 0.015, (i, n) => i >= n - 5 ? 1.18 : 1.0, 2_400_000, 2_340_000, 2_470_000, 2_600_000),
            Series("PerfGate.Sample.Serializer.RoundTrip", "Serializer.RoundTrip (allocated)", "B", runs, 49_152, 0.0, (_, _) => 1.0, 49_152, 49_152, 49_152, null),
            Series("PerfGate.Sample.Cache.Lookup", "Cache.Lookup throughput", "ops/s", runs, 850_000, 0.03, (i, n) => i >= n - 3 ? 1.06 : 1.0, 850_000, 815_000, 880_000, 800_000, biggerIsBetter: true),
            Series("PerfGate.Sample.Startup.ColdStart", "Startup.ColdStart", "ns", runs, 182_000_000, 0.025, (i, n) => i >= n - 7 ? 0.9 : 1.0, 182_000_000, 176_000_000, 189_000_000, 200_000_000),
            Series("PerfGate.Sample.Json.Deserialize<Order>", "Json.Deserialize<Order>", "ns", runs, 7_800, 0.04, (_, _) => 1.0, null, null, null, null));

        var large = series[1].Points;
        var alerts = ImmutableArray.Create(
            new DashboardAlert(104, large[^1].Time.AddMinutes(3), RegressedId, "statistical", "critical", "Mean",
                large[^1].Value, 2_400_000, 18.2, "Mean 2.84 ms vs baseline 2.40 ms (+18.2 %); Mann–Whitney p < 0.001", false, null, null, null),
            new DashboardAlert(103, large[^4].Time.AddMinutes(3), RegressedId, "threshold", "warning", "Mean",
                large[^4].Value, 2_400_000, 17.9, "Above the 10 % warning threshold", true, "alice", Now.AddDays(-1), "Known: the new validation pass, tracked in #412"),
            new DashboardAlert(102, series[4].Points[^6].Time.AddMinutes(3), "PerfGate.Sample.Startup.ColdStart", "trend", "ok", "Mean",
                series[4].Points[^6].Value, 182_000_000, -10.1, "Improved by 10.1 % (startup cache)", true, "bob", Now.AddDays(-3), null),
            new DashboardAlert(101, runs[20].Time.AddMinutes(3), "PerfGate.Sample.Serializer.RoundTrip", "threshold", "error", "Allocated",
                53_248, 49_152, 8.3, "Allocations grew by 4 KiB per operation", true, "carol", runs[21].Time, "Reverted in the next commit"));
        return new DashboardData(Now, "PerfGate — sample dashboard", series, alerts, "main and pull requests · 62 runs");
    }

    /// <summary>
    /// <see cref="Realistic"/> with each series' steps found the way <c>perfgate dashboard</c> finds them (the gate's
    /// default change-point settings over the main-branch points): Startup.ColdStart's 10% improvement five nights ago.
    /// </summary>
    public static DashboardData RealisticWithSteps()
    {
        var data = Realistic();
        return data with
        {
            Series = [.. data.Series.Select(s => s with
            {
                Steps = DashboardDataBuilder.StepsOf(s.Id, s.Points.Where(p => p.Branch == "main"), PerfGate.Core.Configuration.GateOptions.Default.Trend),
            })],
        };
    }

    /// <summary>Three small series whose names try to break out of the page or the CSV.</summary>
    public static DashboardData Hostile()
    {
        var runs = Runs().TakeLast(5).ToImmutableArray();
        var series = ImmutableArray.Create(
            Series("xss.img", ImgName, "ns", runs, 100, 0.01, (_, _) => 1.0, 100, 95, 105, null),
            Series("xss.script", ScriptName, "ns", runs, 200, 0.01, (_, _) => 1.0, null, null, null, null),
            Series("csv,\"id\"", CsvHostileName, "ns", runs, 300, 0.01, (_, _) => 1.0, 300, 290, 310, 350));
        var alerts = ImmutableArray.Create(
            new DashboardAlert(1, runs[^1].Time, "xss.script", "<b>tier</b>", "critical", "Mean", 260, 200, 30,
                "</script><img src=x onerror=\"window.__pwned=2\">\u2028line", false, null, null, "<script>window.__pwned=3</script>"));
        return new DashboardData(Now, "<script>window.__pwned=4</script> & co", series, alerts, "<img src=x onerror=alert(2)>");
    }

    /// <summary>A small, fully literal dashboard for the snapshot.</summary>
    public static DashboardData Small()
    {
        var t0 = new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);
        var points = ImmutableArray.Create(
            new DashboardPoint(t0, 1234.56789, "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", 1, "main"),
            new DashboardPoint(t0.AddDays(1), 1250.5, "b2c3d4e5f60718293a4b5c6d7e8f901234567890", 2, "main"),
            new DashboardPoint(t0.AddDays(2), double.NaN, null, 3, "main"),
            new DashboardPoint(t0.AddDays(3), 1490.25, "c3d4e5f60718293a4b5c6d7e8f90123456789012", 4, "feature/x"));
        var series = ImmutableArray.Create(
            new DashboardSeries("Bench.A", "Bench A, 1 000 items", "ns", points, 1240.5, 1200.25, 1280.75, 1300, false),
            new DashboardSeries("Bench.B", "Bench B", "ops/s", [.. points.Select(p => p with { Value = p.Value * 1000.5 })], null, null, null, null, true));
        var alerts = ImmutableArray.Create(
            new DashboardAlert(7, t0.AddDays(3).AddMinutes(1), "Bench.A", "statistical", "error", "Mean", 1490.25, 1240.5, 20.13, "Mean +20.1 %", false, null, null, null),
            new DashboardAlert(6, t0.AddDays(1).AddMinutes(1), "Gone.Benchmark", "threshold", "warning", "Mean", 10.5, 9.75, 7.69, "Removed benchmark", true, "dana", t0.AddDays(2), "ok"));
        return new DashboardData(t0.AddDays(3).AddHours(1), "Snapshot", series, alerts, "invariant numbers: 1234.5");
    }

    /// <summary><paramref name="count"/> series of <paramref name="days"/> daily points, and <paramref name="alertCount"/> alerts.</summary>
    public static DashboardData Large(int count, int days, int alertCount)
    {
        var random = new Random(42);
        var runs = Enumerable.Range(0, days)
            .Select(d => new DashboardPoint(Now.AddDays(d - days + 1).AddHours(-9), 0, Commit(random), 10_000 + d, "main"))
            .ToImmutableArray();
        var series = Enumerable.Range(0, count).Select(i =>
        {
            var level = Math.Pow(10, 2 + (i % 7));
            return new DashboardSeries($"PerfGate.Sample.Group{i / 10}.Benchmark{i}(Size: {i % 4 * 100})", $"Group{i / 10}.Benchmark{i}(Size: {i % 4 * 100})", "ns",
                [.. runs.Select(r => r with { Value = level * (1 + (random.NextDouble() - 0.5) * 0.06) })],
                level, level * 0.97, level * 1.03, i % 3 == 0 ? level * 1.1 : null, false);
        }).ToImmutableArray();
        var severities = new[] { "warning", "error", "critical", "ok" };
        var alerts = Enumerable.Range(0, alertCount).Select(i =>
        {
            var s = series[i * 7 % count];
            var p = s.Points[random.Next(s.Points.Length)];
            return new DashboardAlert(i + 1, p.Time.AddMinutes(2), s.Id, "statistical", severities[i % 4], "Mean", p.Value, s.BaselineMedian,
                (p.Value / s.BaselineMedian!.Value - 1) * 100, $"Alert {i + 1}: mean moved", i % 3 == 0, i % 3 == 0 ? "bot" : null, i % 3 == 0 ? p.Time.AddDays(1) : null, null);
        }).ToImmutableArray();
        return new DashboardData(Now, "Large dashboard", series, alerts, null);
    }

    /// <summary>How many points of the series fall inside the range (null: all), counted back from <see cref="Now"/>.</summary>
    public static int PointsIn(DashboardSeries series, TimeSpan? range) =>
        range is { } r ? series.Points.Count(p => p.Time >= Now - r && double.IsFinite(p.Value)) : series.Points.Count(p => double.IsFinite(p.Value));

    private static ImmutableArray<DashboardPoint> Runs()
    {
        var random = new Random(7);
        var midnight = new DateTimeOffset(Now.Year, Now.Month, Now.Day, 0, 0, 0, TimeSpan.Zero);
        var nightly = Enumerable.Range(0, 60).Select(d => new DashboardPoint(midnight.AddDays(d - 59).AddHours(2), 0, Commit(random), 1000 + d, "main"));
        var pr = new[] { 6, 10 }.Select((h, i) => new DashboardPoint(midnight.AddHours(h), 0, Commit(random), 2000 + i, "feature/faster-parser"));
        return [.. nightly.Concat(pr)];
    }

    private static DashboardSeries Series(string id, string name, string unit, ImmutableArray<DashboardPoint> runs, double level, double noise,
        Func<int, int, double> shape, double? median, double? p5, double? p95, double? target, bool biggerIsBetter = false)
    {
        var random = new Random(id.Length * 31 + (int)Math.Log10(level));
        var points = runs.Select((r, i) => r with { Value = level * shape(i, runs.Length) * (1 + (random.NextDouble() - 0.5) * 2 * noise) });
        return new DashboardSeries(id, name, unit, [.. points], median, p5, p95, target, biggerIsBetter);
    }

    private static string Commit(Random random) => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + "abcdef01";
}
