using System.Diagnostics;

namespace PerfGate.Benchmarks.Tests;

/// <summary>
/// The benchmarks program itself, run as a user's pipe or CI would (a real process, output redirected, a dry in-process
/// job): one plain line per benchmark and the log file's name, none of BenchmarkDotNet's chatter; the log file holds it.
/// </summary>
public sealed class QuietRunTests
{
    [Fact]
    public void A_piped_run_prints_one_line_per_benchmark_and_leaves_the_full_log_in_the_log_file()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "perfgate-quiet-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = Run(artifacts, "--no-gate", "--no-record", "--job", "dry", "--inProcess", "--filter", "*ValidationBenchmarks*");

            code.ShouldBe(0, output);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.Where(l => l.StartsWith("// PerfGate: benchmark ", StringComparison.Ordinal)).ShouldBe(
            [
                lines.Single(l => l.Contains("1/3 done: BatchValidationBenchmarks.ValidateBatch [BatchSize=10] in ", StringComparison.Ordinal)),
                lines.Single(l => l.Contains("2/3 done: BatchValidationBenchmarks.ValidateBatch [BatchSize=100] in ", StringComparison.Ordinal)),
                lines.Single(l => l.Contains("3/3 done: ValidationBenchmarks.ValidateOneDefinition in ", StringComparison.Ordinal)),
            ]);
            output.ShouldNotContain("WorkloadActual");
            output.ShouldNotContain("// Benchmark: ");
            output.ShouldNotContain("| Method");

            var closing = lines.Single(l => l.StartsWith("// PerfGate: 3 benchmark(s) ran in ", StringComparison.Ordinal));
            var logFile = closing[(closing.IndexOf("full log: ", StringComparison.Ordinal) + "full log: ".Length)..];
            Path.GetDirectoryName(logFile).ShouldBe(artifacts);
            var log = File.ReadAllText(logFile);
            log.ShouldContain("// Benchmark: ValidationBenchmarks.ValidateOneDefinition");
            log.ShouldContain("WorkloadActual");
            log.ShouldContain("| Method");
            Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-full.json").Length.ShouldBe(2);

            // The domain figures, MEM-001 (the managed heap the started application holds) among them.
            var metrics = PerfGate.Core.Results.ResultsLoader.Load([Path.Combine(artifacts, "results")]).Metrics;
            metrics.Select(m => m.Id).ShouldBe(["SVC-001", "SVC-003", "API-002", "VAL-003", "CACHE-002", "VAL-004", "MEM-001"], ignoreOrder: true);
            var memory = metrics.Single(m => m.Id == "MEM-001");
            memory.Deterministic.ShouldBeFalse();
            memory.Value.ShouldBeGreaterThan(100);
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    [Fact]
    public void Verbose_shows_BenchmarkDotNets_log_as_it_runs()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "perfgate-verbose-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = Run(artifacts, "--no-gate", "--no-record", "--verbose", "--job", "dry", "--inProcess", "--filter", "*.ValidationBenchmarks*");

            code.ShouldBe(0, output);
            output.ShouldContain("// Benchmark: ValidationBenchmarks.ValidateOneDefinition");
            output.ShouldContain("WorkloadActual");
            output.ShouldNotContain("// PerfGate: benchmark ");
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    private static (int Code, string Output) Run(string artifacts, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PerfGate.Benchmarks.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args.Concat(["--artifacts", artifacts]))
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner may itself run in CI; the plain mode is chosen here by the pipe alone.
        start.Environment.Remove("CI");
        start.Environment.Remove("GITHUB_ACTIONS");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
