using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Benchmarks.Calibration;

/// <summary>
/// Judges recorded calibration runs (folders <c>main-N</c> and <c>pr-K-LEVEL</c>) with PerfGate's rule and with
/// two simple rules on the same data, and prints the outcome per injected level. Re-runnable offline:
/// <c>dotnet run -c Release --project benchmarks -- --calibrate-analyse DIR</c>.
/// </summary>
internal static class CalibrationAnalysis
{
    public static string Analyse(string directory)
    {
        var mainDirs = Directory.GetDirectories(directory, "main-*").Where(Measured).OrderBy(RunNumber).ToArray();
        var prDirs = Directory.GetDirectories(directory, "pr-*").Where(Measured).OrderBy(RunNumber).ToArray();
        if (mainDirs.Length == 0 || prDirs.Length == 0)
        {
            throw new InvalidOperationException($"{directory}: expected main-N and pr-K-LEVEL folders from --calibrate");
        }

        var mains = mainDirs.Select(d => ResultsLoader.Load([d])).ToArray();
        var baseline = mains[0];
        var history = BuildHistory(mains);
        var rows = new List<Row>();
        foreach (var dir in prDirs)
        {
            var level = int.Parse(Path.GetFileName(dir).Split('-')[^1], CultureInfo.InvariantCulture);
            var run = ResultsLoader.Load([dir]);
            var verdict = Gate.Evaluate(new GateInput { Current = run, Baseline = baseline, History = history });
            foreach (var b in verdict.Benchmarks.Where(b => b.Kind is not (ChangeKind.New or ChangeKind.Removed or ChangeKind.FailedToRun)))
            {
                var cur = run.Results.First(r => r.Id.Key == b.Id);
                var bas = baseline.Results.First(r => r.Id.Key == b.Id);
                rows.Add(new Row(
                    level,
                    b.Id,
                    TimeFails: b.Findings.Any(f => f.Fails && f.Tier is Tier.Baseline or Tier.History),
                    TimeWarns: b.Findings.Any(f => f.Severity == Severity.Warning && f.Tier is Tier.Baseline or Tier.History or Tier.Trend),
                    TooNoisy: b.TooNoisy,
                    AnyFails: b.Fails,
                    RatioOfMeansFails: RatioOfMeans(cur, bas) > 1.20,
                    RankTestFails: RankTest(cur, bas),
                    ChangePercent: b.ChangePercent ?? double.NaN,
                    Mde: b.MinimumDetectableChangePercent ?? double.NaN));
            }
        }

        return Render(rows, mains.Length, prDirs.Length);
    }

    /// <summary>A run folder whose measurement has finished (a run still in progress has no full reports yet).</summary>
    private static bool Measured(string dir) =>
        File.Exists(Path.Combine(dir, "results", "perfgate-metrics.json"));

    private static int RunNumber(string dir)
    {
        var parts = Path.GetFileName(dir).Split('-');
        return int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, ImmutableArray<HistoryPoint>> BuildHistory(BenchmarkRun[] mains)
    {
        var map = new Dictionary<string, List<HistoryPoint>>(StringComparer.Ordinal);
        for (var i = 0; i < mains.Length; i++)
        {
            foreach (var r in mains[i].Results.Where(r => r.Statistics is not null))
            {
                var medians = r.Launches.Select(l => Quantiles.Median(l.NanosecondsPerOperation)).ToImmutableArray();
                var point = new HistoryPoint(i + 1, DateTimeOffset.UnixEpoch.AddHours(i), $"main-{i + 1}", mains[i].Host.Key, r.Statistics!.Median, r.AllocatedBytesPerOperation, medians);
                (map.TryGetValue(r.Id.Key, out var list) ? list : map[r.Id.Key] = []).Insert(0, point);
            }
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray());
    }

    /// <summary>github-action-benchmark's rule: the ratio of the means against the one baseline run.</summary>
    private static double RatioOfMeans(BenchmarkResult current, BenchmarkResult baseline) => current.Statistics!.Mean / baseline.Statistics!.Mean;

    /// <summary>A rank test against the baseline run alone (ResultsComparer-like): Mann–Whitney on the iterations, p &lt; 0.05, and the medians more than 20% apart.</summary>
    private static bool RankTest(BenchmarkResult current, BenchmarkResult baseline)
    {
        var x = current.AllValues;
        var y = baseline.AllValues;
        if (x.Length < 3 || y.Length < 3)
        {
            return false;
        }

        var p = MannWhitneyTest.Test(x, y, Alternative.Greater).PValue;
        return p < 0.05 && Quantiles.Median(x) / Quantiles.Median(y) > 1.20;
    }

    private static string Render(List<Row> rows, int mainRuns, int prRuns)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Calibration: {mainRuns} unchanged main runs as history (the first is the baseline), {prRuns} PR runs judged.");
        sb.AppendLine();
        sb.AppendLine("| injected | judged | PerfGate time: fail | warn | too noisy | pass | PerfGate incl. allocations: fail | ratio of means > 20%: fail | Mann–Whitney vs baseline: fail | median change |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => r.Level).OrderBy(g => g.Key))
        {
            var n = g.Count();
            var fail = g.Count(r => r.TimeFails);
            var warn = g.Count(r => !r.TimeFails && r.TimeWarns);
            var noisy = g.Count(r => !r.TimeFails && !r.TimeWarns && r.TooNoisy);
            var pass = n - fail - warn - noisy;
            var changes = g.Select(r => r.ChangePercent).Where(double.IsFinite).Order().ToArray();
            var medianChange = changes.Length > 0 ? changes[changes.Length / 2] : double.NaN;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| +{g.Key}% | {n} | {fail} | {warn} | {noisy} | {pass} | {g.Count(r => r.AnyFails)} | {g.Count(r => r.RatioOfMeansFails)} | {g.Count(r => r.RankTestFails)} | {medianChange:+0.0;-0.0}% |");
        }

        sb.AppendLine();
        sb.AppendLine("Per benchmark (minimum detectable change at 80% power, from the unchanged PR runs):");
        foreach (var g in rows.Where(r => r.Level == 0).GroupBy(r => r.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var mde = g.Select(r => r.Mde).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {g.Key}: {mde:0}%");
        }

        return sb.ToString();
    }

    private sealed record Row(
        int Level,
        string Id,
        bool TimeFails,
        bool TimeWarns,
        bool TooNoisy,
        bool AnyFails,
        bool RatioOfMeansFails,
        bool RankTestFails,
        double ChangePercent,
        double Mde);
}
