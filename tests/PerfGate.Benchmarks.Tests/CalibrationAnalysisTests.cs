using System.Globalization;
using System.Text.Json.Nodes;
using PerfGate.Benchmarks.Calibration;

namespace PerfGate.Benchmarks.Tests;

/// <summary>
/// The calibration analysis on a tiny synthetic layout made from one real BenchmarkDotNet report (24 benchmarks that ran, of 36):
/// two main runs (the second 1% slower), three rounds of an unchanged head (cpu-0) and of a 2× slower head (cpu-100).
/// </summary>
public sealed class CalibrationAnalysisTests : IDisposable
{
    private const string Fixture = "ParserBenchmarks-report-full.json";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfgate-cal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void The_tables_count_a_2x_slowdown_as_caught_and_an_unchanged_head_as_not()
    {
        WriteRun("main/main-01", 1.00);
        WriteRun("main/main-02", 1.01);
        var tsv = new List<string> { "run\tcondition\tside\tround\tstart_utc\tseconds\tload1_start\tload5_start\tload15_start\tload1_end\tartificial_load", "main/main-01\tmain\tmain\t0\tx\t1\t0.5\t0\t0\t0\t0" };
        for (var r = 1; r <= 3; r++)
        {
            foreach (var (condition, factor) in new[] { ("cpu-0", 1.0), ("cpu-100", 2.0) })
            {
                var dir = $"rounds/round-{r:00}/{condition}";
                WriteRun($"{dir}/base", 1.0);
                WriteRun($"{dir}/head", factor);
                tsv.Add(string.Create(CultureInfo.InvariantCulture, $"{dir}/head\t{condition}\thead\t{r}\tx\t1\t{r + 1}.5\t0\t0\t0\t0"));
            }
        }

        // an incomplete pair (head still being recorded) must be left out, not counted
        WriteRun("rounds/round-04/cpu-100/base", 1.0);
        File.WriteAllLines(Path.Combine(_root, "runs.tsv"), tsv);

        var report = CalibrationAnalysis.Compute(_root);

        report.MainRuns.ShouldBe(2);
        report.BaselineRun.ShouldBe("main/main-02");
        report.Rounds.ShouldBe(3);
        report.BenchmarksPerRun.ShouldBe(24);
        report.Load.ToString().ShouldBe("0.5–4.5");

        // Two histories: the main runs (burst) and, with 6 base runs in 3 rounds, 2 base runs of the other rounds (spread).
        report.Single.Select(c => c.History).Distinct().ShouldBe(["burst", "spread"]);
        var unchanged = report.Single.Single(c => c.History == "burst" && c.Condition == new Condition("cpu", 0));
        var doubled = report.Single.Single(c => c.History == "burst" && c.Condition == new Condition("cpu", 100));
        var bases = report.Single.Single(c => c.History == "burst" && c.Condition == Condition.BaseRuns);
        var spreadDoubled = report.Single.Single(c => c.History == "spread" && c.Condition == new Condition("cpu", 100));
        spreadDoubled.Runs.ShouldBe(3);
        spreadDoubled.Counts.TTest.ShouldBe(3 * 24); // against unchanged base runs of the other rounds, 2x is still caught
        report.Single.Single(c => c.History == "spread" && c.Condition == new Condition("cpu", 0)).Counts.AnyFails.ShouldBe(0);
        unchanged.Runs.ShouldBe(3);
        doubled.Runs.ShouldBe(3);
        bases.Runs.ShouldBe(6);
        unchanged.Counts.Judged.ShouldBe(3 * 24);
        doubled.Counts.Judged.ShouldBe(3 * 24);
        unchanged.Load.ToString().ShouldBe("2.5–4.5");

        // the simple rules: a 2x slowdown is caught by all three everywhere; the unchanged head by none
        doubled.Counts.Ratio.ShouldBe(3 * 24);
        doubled.Counts.TTest.ShouldBe(3 * 24);
        unchanged.Counts.Ratio.ShouldBe(0);
        unchanged.Counts.TTest.ShouldBe(0);
        unchanged.Counts.Rank.ShouldBe(0);
        doubled.MedianChangePercent.ShouldBe(100 * ((2 / 1.005) - 1), 0.1); // vs the median of main's medians (1.00 and 1.01)
        unchanged.MedianChangePercent.ShouldBe(-0.5, 0.1);

        // PerfGate: the unchanged head never fails; the 2x head (every benchmark alike, allocations unchanged) is either
        // caught or, in every run, reported as a whole-suite shift taken as the runner's: never a pass without saying so
        unchanged.Counts.AnyFails.ShouldBe(0);
        unchanged.ShiftRuns.ShouldBe(0);
        (doubled.Counts.Pass == 0 || doubled.ShiftRuns == doubled.Runs).ShouldBeTrue($"{doubled.Counts.Pass} quiet passes, {doubled.ShiftRuns} runs with a shift note");

        // A/B: 3 complete rounds per condition (round 4's half pair ignored), one cell with the main runs as history
        // (first 3 = all) and one without any history
        report.Ab.Where(c => c.Condition == new Condition("cpu", 100)).Select(c => c.WithHistory).ShouldBe([true, false]);
        var abDoubled = report.Ab.Single(c => c.Condition == new Condition("cpu", 100) && c.WithHistory);
        abDoubled.Rounds.ShouldBe(3);
        abDoubled.Counts.Judged.ShouldBe(24);
        abDoubled.MedianChangePercent.ShouldBe(100, 0.001);
        report.Ab.Single(c => c.Condition == new Condition("cpu", 0) && c.WithHistory).MedianChangePercent.ShouldBe(0, 0.001);

        var table = CalibrationAnalysis.Render(report);
        table.ShouldContain("| burst | cpu-100 | +100% time | 3 | 72 | 2.5–4.5 |");
        table.ShouldContain("| spread | cpu-0 (unchanged head) | +0% time | 3 | 72 | 2.5–4.5 |");
        table.ShouldContain("| cpu-100 | +100% time | 3 | main runs | 24 |");
        table.ShouldContain("| cpu-100 | +100% time | 3 | none | 24 |");
    }

    [Theory]
    [InlineData(0.99, 1, 31.8205)]
    [InlineData(0.99, 7, 2.9980)]
    [InlineData(0.975, 30, 2.0423)]
    public void Student_t_quantiles_match_the_tables(double p, double df, double expected) =>
        StudentT.Quantile(p, df).ShouldBe(expected, 0.0005);

    [Fact]
    public void The_t_test_fails_only_beyond_its_prediction_interval()
    {
        double[] mains = [100, 102, 98, 101, 99, 100, 103, 97];
        CalibrationAnalysis.TTest(101, mains).ShouldBeFalse();
        CalibrationAnalysis.TTest(110, mains).ShouldBeTrue();
    }

    private void WriteRun(string relative, double factor)
    {
        var results = Path.Combine(_root, relative, "results");
        Directory.CreateDirectory(results);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture)))!;
        foreach (var benchmark in json["Benchmarks"]!.AsArray())
        {
            ScaleStatistics(benchmark!["Statistics"], factor);
            foreach (var m in benchmark["Measurements"]!.AsArray())
            {
                m!["Nanoseconds"] = m["Nanoseconds"]!.GetValue<double>() * factor;
            }
        }

        File.WriteAllText(Path.Combine(results, "BdnFixtures.ParserBenchmarks-report-full.json"), json.ToJsonString());
        File.WriteAllText(Path.Combine(results, "perfgate-metrics.json"), """{ "format": "perfgate-metrics/1", "metrics": [] }""");
    }

    /// <summary>Every time figure of BenchmarkDotNet's statistics times <paramref name="factor"/> (the variance by its square; counts and shape unchanged).</summary>
    private static void ScaleStatistics(JsonNode? node, double factor, string? key = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    if (v is JsonValue value && value.TryGetValue<double>(out var d))
                    {
                        o[k] = k switch
                        {
                            "N" or "Skewness" or "Kurtosis" or "Level" => d,
                            "Variance" => d * factor * factor,
                            _ => d * factor,
                        };
                    }
                    else
                    {
                        ScaleStatistics(v, factor, k);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue value && value.TryGetValue<double>(out var d))
                    {
                        a[i] = d * factor;
                    }
                    else
                    {
                        ScaleStatistics(a[i], factor, key);
                    }
                }

                break;
        }
    }
}
