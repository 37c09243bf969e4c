using System.Diagnostics;
using System.Globalization;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Statistics;

namespace PerfGate.Benchmarks.GateSpeed;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --gate-speed [--benchmarks 1000] [--runs 1000] [--repeat 7]</c>:
/// times <c>perfgate check</c> as a user runs it (a fresh process each time) on a results file of 1,000 benchmarks
/// against a history of 1,000 runs × 1,000 benchmarks (1,000,000 result rows), and prints the median wall time and
/// the peak working set the process reports about itself. The data is generated once and kept under
/// <c>BenchmarkDotNet.Artifacts/gate-speed</c>. Figures, not a timed test: the machine is shared.
/// </summary>
internal static class GateSpeedRunner
{
    public static int Run(string[] args)
    {
        var benchmarks = Option(args, "--benchmarks", 1000);
        var runs = Option(args, "--runs", 1000);
        var repeat = Option(args, "--repeat", 7);
        var dir = Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", "gate-speed", $"{benchmarks}x{runs}"));
        Directory.CreateDirectory(dir);
        var results = Path.Combine(dir, "results-report-full.json");
        var baseline = Path.Combine(dir, "baselines");
        var history = Path.Combine(dir, "history.db");
        if (!File.Exists(history))
        {
            Console.WriteLine($"gate-speed: generating {benchmarks} benchmarks and a history of {runs} runs in {dir} ...");
            SyntheticResults.Write(results, benchmarks, seed: 1);
            // The committed baseline is PerfGate's own compact file, made as `perfgate baseline update` makes it.
            var baselineResults = Path.Combine(dir, "baseline-report-full.json");
            SyntheticResults.Write(baselineResults, benchmarks, seed: 2);
            BaselineStore.Update(ResultsLoader.Load([baselineResults]), baseline);
            var watch = Stopwatch.StartNew();
            Generate(history + ".tmp", ResultsLoader.Load([results]), runs);
            File.Move(history + ".tmp", history);
            Console.WriteLine($"gate-speed: history written in {watch.Elapsed.TotalSeconds:0.0} s, {new FileInfo(history).Length / (1024.0 * 1024.0):0.0} MB");
        }

        var perfgate = Path.Combine(AppContext.BaseDirectory, "perfgate.dll");
        var samples = new List<(double WallMs, double SelfMs, double PeakMb, int Exit)>();
        for (var i = 0; i < repeat; i++)
        {
            samples.Add(RunOnce(perfgate, results, baseline, history, Path.Combine(dir, "verdict.json")));
        }

        var walls = samples.Select(s => s.WallMs).Order().ToArray();
        var selfs = samples.Select(s => s.SelfMs).Order().ToArray();
        var peak = samples.Max(s => s.PeakMb);
        Console.WriteLine();
        Console.WriteLine($"perfgate check: {benchmarks} benchmarks against a history of {runs} runs ({(long)benchmarks * runs:N0} result rows), {repeat} fresh processes");
        Console.WriteLine($"  wall time (process start to exit): median {Quantiles.Median(walls):0} ms, min {walls[0]:0} ms, max {walls[^1]:0} ms");
        Console.WriteLine($"  inside the process:                median {Quantiles.Median(selfs):0} ms");
        Console.WriteLine($"  peak working set:                  {peak:0} MB (max over the runs)");
        Console.WriteLine($"  exit codes: {string.Join(", ", samples.Select(s => s.Exit).Distinct())}");
        Console.WriteLine($"  targets: < 1000 ms wall, < 300 MB: {(Quantiles.Median(walls) < 1000 ? "met" : "MISSED")}, {(peak < 300 ? "met" : "MISSED")}");
        return 0;
    }

    private static (double WallMs, double SelfMs, double PeakMb, int Exit) RunOnce(string perfgate, string results, string baseline, string history, string verdict)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { perfgate, "check", "--results", results, "--baseline", baseline, "--history", history, "--json", verdict, "--any-machine" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["PERFGATE_PRINT_RESOURCES"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = watch.Elapsed.TotalMilliseconds;
        var line = stderr.Result.Split('\n').FirstOrDefault(l => l.StartsWith("perfgate-resources:", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("perfgate did not report its resources: " + stderr.Result);
        return (wall, Field(line, "elapsed_ms"), Field(line, "peak_working_set_mb"), process.ExitCode);
    }

    /// <summary>Records <paramref name="runs"/> main-branch runs of the template, each moved by a little noise, through the real store.</summary>
    private static void Generate(string path, BenchmarkRun template, int runs)
    {
        var random = new Random(3);
        using var store = new SqliteHistoryStore(path);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var r = 0; r < runs; r++)
        {
            var factor = 1 + (0.03 * (random.NextDouble() - 0.5));
            var run = template with
            {
                Results = [.. template.Results.Select(x => x with
                {
                    Launches = [.. x.Launches.Select(l => l with { NanosecondsPerOperation = [.. l.NanosecondsPerOperation.Select(v => v * factor)] })],
                    Statistics = x.Statistics! with { Median = x.Statistics.Median * factor, Mean = x.Statistics.Mean * factor },
                })],
            };
            store.RecordRun(new RecordedRun { Run = run, Branch = "main", Commit = $"synthetic{r:0000}", Timestamp = start.AddHours(r) }, []);
        }
    }

    private static double Field(string line, string name)
    {
        var at = line.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
        var end = line.IndexOf(' ', at);
        return double.Parse(end < 0 ? line[at..] : line[at..end], CultureInfo.InvariantCulture);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

}
