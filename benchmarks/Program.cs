using BenchmarkDotNet.Reports;
using PerfGate.Benchmarks.Progress;
using BenchmarkDotNet.Running;
using PerfGate.Sample.Metrics;

namespace PerfGate.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks [-- --ci] [--verbose] [BenchmarkDotNet arguments]</c>:
/// runs the benchmarks behind a progress display (<see cref="ProgressView"/>; <c>--verbose</c>: BenchmarkDotNet's
/// own console log), then <see cref="AfterBenchmarks"/>. With <c>-- --ab REF</c> it measures the working tree
/// against REF side by side instead (<see cref="AbStep"/>).
/// </summary>
internal static class Program
{
    private const int Success = 0;
    private const int BenchmarksFailed = 1;
    private const int BadArguments = 2;

    public static int Main(string[] args)
    {
        if (args is ["--calibrate-analyse", var calibrationDirectory])
        {
            Console.Write(Calibration.CalibrationAnalysis.Analyse(calibrationDirectory));
            return Success;
        }

        if (args.Length > 0 && args[0] == "--changepoint-calibration")
        {
            return Calibration.ChangePointCalibrationRunner.Run(args.Skip(1).ToArray());
        }

        if (args.Length > 0 && args[0] == Budgets.BudgetCommand.Switch)
        {
            return Budgets.BudgetCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "--gate-speed")
        {
            return GateSpeed.GateSpeedRunner.Run(args.Skip(1).ToArray());
        }

        try
        {
            // A bad calibration knob stops the run here with its message, not as a failed benchmark.
            ExtraWork.Validate();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return BadArguments;
        }

        var options = RunOptions.Parse(args);
        if (options.Error is not null)
        {
            Console.Error.WriteLine($"PerfGate.Benchmarks: {options.Error}");
            return PerfGate.Cli.ExitCodes.BadInput;
        }

        if (options.Ab is not null)
        {
            return AbStep.Run(options.Ab);
        }

        var mode = ProgressModes.Choose(options.Verbose, options.BenchmarkDotNetArguments, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
        var tracker = new ProgressTracker(TimeProvider.System);
        var summaries = ProgressView.For(mode, tracker, Console.Out).Run(() => BenchmarkSwitcher
            .FromAssembly(typeof(Program).Assembly)
            .Run([.. options.BenchmarkDotNetArguments], PerfGateConfig.Create(options, mode == ProgressMode.Verbose ? null : tracker))
            .ToList());

        if (summaries.Count == 0)
        {
            // --list, --help, or a filter that matched nothing: BenchmarkDotNet has said so already.
            Console.WriteLine("No benchmarks ran; no domain figures written.");
            return Success;
        }

        var cases = summaries.Sum(s => s.BenchmarksCases.Length);
        Console.WriteLine(ProgressText.Closing(cases, FailedBenchmarks(summaries).Count, tracker.Total, tracker.Snapshot().Elapsed, summaries[0].LogFilePath));

        var ran = AfterBenchmarks(summaries, summaries[0].ResultsDirectoryPath);
        if (!options.Gate)
        {
            return ran;
        }

        var verdict = GateStep.Run(summaries[0].ResultsDirectoryPath, options.Record, options.Filtered);
        return verdict != Success ? verdict : ran;
    }

    // ======================================================================================
    // AFTER THE BENCHMARKS: BenchmarkDotNet has printed its table and written
    // *-report-full.json to resultsDirectory. Write the domain figures next to them and report
    // whether every benchmark ran; then (unless --no-gate) GateStep prints the gate's verdict
    // and the exit code follows it.
    // ======================================================================================
    internal static int AfterBenchmarks(IReadOnlyList<Summary> summaries, string resultsDirectory)
    {
        // A figure names its benchmark only when that benchmark ran (a --filter may have left it out).
        var ran = summaries.SelectMany(s => s.BenchmarksCases)
            .Select(c => $"{c.Descriptor.Type.FullName}.{c.Descriptor.WorkloadMethod.Name}")
            .ToHashSet(StringComparer.Ordinal);
        var attached = BenchmarkByMetric.Where(kv => ran.Contains(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var path = MetricsFileWriter.Write([.. DomainFigures.Measure(), DomainFigures.MeasureHeldMemory()], resultsDirectory, attached);
        Console.WriteLine($"Domain figures: {path}");

        var failed = FailedBenchmarks(summaries);
        foreach (var name in failed)
        {
            Console.Error.WriteLine($"Benchmark did not run: {name}");
        }

        return failed.Count == 0 ? Success : BenchmarksFailed;
    }

    /// <summary>The benchmarks that did not run or gave no statistics, and the runs refused by validation.</summary>
    private static List<string> FailedBenchmarks(IReadOnlyList<Summary> summaries)
    {
        var failed = summaries
            .SelectMany(s => s.BenchmarksCases.Select(c => (Case: c, Report: s.Reports.FirstOrDefault(r => r.BenchmarkCase == c))))
            .Where(x => x.Report is null || !x.Report.Success || x.Report.ResultStatistics is null)
            .Select(x => x.Case.DisplayInfo)
            .ToList();
        failed.AddRange(summaries.Where(s => s.HasCriticalValidationErrors).Select(s => $"{s.Title}: critical validation errors"));
        return failed;
    }

    /// <summary>Domain figures that belong to one benchmark (its BenchmarkDotNet FullName).</summary>
    private static readonly Dictionary<string, string> BenchmarkByMetric = new(StringComparer.Ordinal)
    {
        ["SVC-001"] = $"{typeof(StartupBenchmarks).FullName}.{nameof(StartupBenchmarks.Start)}",
        ["SVC-003"] = $"{typeof(StartupBenchmarks).FullName}.{nameof(StartupBenchmarks.Start)}",
        ["API-002"] = $"{typeof(PromptBenchmarks).FullName}.{nameof(PromptBenchmarks.BuildPrompt)}",
        ["CACHE-002"] = $"{typeof(PromptBenchmarks).FullName}.{nameof(PromptBenchmarks.BuildPromptCached)}",
        ["VAL-003"] = $"{typeof(RuleLoadingBenchmarks).FullName}.{nameof(RuleLoadingBenchmarks.LoadWarmFromCache)}",
        ["VAL-004"] = $"{typeof(RuleLoadingBenchmarks).FullName}.{nameof(RuleLoadingBenchmarks.LoadColdFromDisk)}",
    };
}
