using System.CommandLine;
using System.Globalization;
using PerfGate.Core.Baselines;
using PerfGate.Core.Results;
using PerfGate.Core.Rendering;

namespace PerfGate.Cli.Commands;

/// <summary><c>perfgate baseline update|show</c>: refresh or print the committed main-branch baseline.</summary>
internal static class BaselineCommand
{
    public const string DefaultDirectory = "baselines";

    public static Command Create(CliEnvironment env)
    {
        var from = CommonOptions.Paths("--from", "BenchmarkDotNet result files or folders to make the baseline from.", required: true);
        var dir = new Option<string>("--dir") { Description = "The baseline folder.", DefaultValueFactory = _ => DefaultDirectory };
        var commit = new Option<string?>("--commit") { Description = "Commit the results were measured at (default: GITHUB_SHA or git HEAD)." };
        var verbose = CommonOptions.Verbose();
        var update = new Command("update", "Write the baseline from results, atomically (baselines/baseline.json).") { from, dir, commit, verbose };
        update.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var run = ResultsLoader.Load(parse.GetValue(from)!.Select(env.Resolve));
            InputChecks.RequireMeasured(run, "; refusing to write a baseline");
            if (run.Results.Length == 0)
            {
                throw new UsageException("refusing to write a baseline: the results hold no benchmark");
            }

            var sha = parse.GetValue(commit) ?? env.Get("GITHUB_SHA") ?? Git.Head(env.WorkingDirectory);
            run = run with { Commit = sha, Branch = run.Branch ?? Git.Branch(env.WorkingDirectory) };
            var path = BaselineStore.Update(run, env.Resolve(parse.GetValue(dir)!));
            env.Out.WriteLine($"perfgate: wrote {run.Results.Length} benchmarks to {path}");
            return ExitCodes.Pass;
        }));

        var showDir = new Option<string>("--dir") { Description = "The baseline folder.", DefaultValueFactory = _ => DefaultDirectory };
        var showVerbose = CommonOptions.Verbose();
        var show = new Command("show", "Print the committed baseline.") { showDir, showVerbose };
        show.SetAction(parse => Guard.Run(env, parse.GetValue(showVerbose), () =>
        {
            Print(BaselineStore.Load(env.Resolve(parse.GetValue(showDir)!)), env.Out);
            return ExitCodes.Pass;
        }));

        return new Command("baseline", "Show or refresh the committed baseline.") { update, show };
    }

    private static void Print(BenchmarkRun run, TextWriter output)
    {
        output.WriteLine($"Baseline commit: {run.Commit ?? "unknown"}  branch: {run.Branch ?? "unknown"}  measured: {run.Timestamp?.ToString("u", CultureInfo.InvariantCulture) ?? "unknown"}");
        output.WriteLine($"Machine: {run.Host.Key}  (BenchmarkDotNet {run.Host.BenchmarkDotNetVersion})");
        var width = Math.Max(10, run.Results.Select(r => r.Id.Key.Length).DefaultIfEmpty(10).Max());
        output.WriteLine($"{"Benchmark".PadRight(width)}  {"Median",12}  {"Allocated",12}  Launches");
        foreach (var r in run.Results.OrderBy(r => r.Id.Key, StringComparer.Ordinal))
        {
            var median = r.Statistics is { } s ? Units.Time(s.Median) : "failed";
            var alloc = r.AllocatedBytesPerOperation is { } a ? a.ToString("0.##", CultureInfo.InvariantCulture) + " B" : "-";
            output.WriteLine($"{r.Id.Key.PadRight(width)}  {median,12}  {alloc,12}  {r.Launches.Length}");
        }

        foreach (var m in run.Metrics)
        {
            output.WriteLine($"{m.Id} {m.Name}: {m.Value.ToString("0.####", CultureInfo.InvariantCulture)} {m.Unit}");
        }
    }
}
