using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfGate.Cli;

namespace PerfGate.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --ab REF</c>: is the working tree slower than REF on this machine?
/// Checks REF out into a git worktree under <c>.perfgate/ab/base-&lt;sha&gt;</c> (git-ignored; reused while it sits at
/// that commit), builds its benchmarks in Release, and runs <c>perfgate ab</c> with that build as base and this very
/// program (already built by <c>dotnet run</c>) as head. The <c>perfgate</c> that runs is the working tree's: a project
/// reference of this program, built with it, run in-process as <see cref="GateStep"/> does. Exit code: perfgate's;
/// a ref that does not resolve or a base that does not build is 2 with one line saying so.
/// </summary>
internal static class AbStep
{
    public static int Run(AbOptions options)
    {
        var root = RepositoryRoot.Find();
        try
        {
            var sha = Git(root, "rev-parse", "--verify", "--quiet", options.Ref + "^{commit}")
                ?? throw new AbSetupException($"'{options.Ref}' is not a commit in {root} (git rev-parse found nothing); name a branch, tag or SHA, or fetch it first");
            var worktree = AbCommand.BaseWorktree(root, sha);
            PrepareWorktree(root, worktree, sha, options.Ref);

            Console.WriteLine($"// PerfGate A/B: building the base ({options.Ref} = {sha[..AbCommand.ShortShaLength]}) in {worktree}");
            var build = RunInherited("dotnet", ["build", Path.Combine(worktree, "benchmarks"), "-c", "Release"], root);
            if (build != 0)
            {
                throw new AbSetupException($"building the base ({options.Ref} = {sha[..AbCommand.ShortShaLength]}) failed: dotnet build exited {build} (output above)");
            }

            var baseDll = AbCommand.BenchmarksDll(worktree);
            if (!File.Exists(baseDll))
            {
                throw new AbSetupException($"the base built, but {baseDll} is not there; does {options.Ref} have the benchmarks project?");
            }

            var headDll = typeof(Program).Assembly.Location;
            if (string.IsNullOrEmpty(headDll) || !File.Exists(headDll))
            {
                throw new AbSetupException("cannot find this program's own dll to run as the head; run it with `dotnet run -c Release --project benchmarks -- --ab REF`");
            }

            if (!AbCommand.IsReleaseBuild(headDll))
            {
                throw new AbSetupException($"the head ({headDll}) is not a Release build, the base is: run `dotnet run -c Release --project benchmarks -- --ab {options.Ref}`");
            }

            var plan = AbCommand.Plan(root, baseDll, headDll, DateTimeOffset.UtcNow, options);
            var args = AbCommand.PerfGateArguments(plan);
            Console.WriteLine($"// PerfGate A/B: head = this working tree ({headDll}), base = {options.Ref} ({sha})");
            Console.WriteLine($"// perfgate {AbCommand.ShellJoin(args)}");
            return PerfGateApp.Run([.. args], CliEnvironment.FromProcess() with { WorkingDirectory = root });
        }
        catch (AbSetupException e)
        {
            Console.Error.WriteLine($"perfgate --ab: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Creates the worktree at <paramref name="sha"/>, or reuses it when it is there already, clean, at that commit.</summary>
    private static void PrepareWorktree(string root, string worktree, string sha, string name)
    {
        if (Directory.Exists(worktree))
        {
            var current = Git(worktree, "rev-parse", "HEAD");
            if (current == sha && Git(worktree, "status", "--porcelain", "--untracked-files=no") is null)
            {
                Console.WriteLine($"// PerfGate A/B: reusing {worktree} ({name} = {sha[..AbCommand.ShortShaLength]})");
                return;
            }

            if (current is not null && GitOk(worktree, "checkout", "--force", "--detach", sha))
            {
                Console.WriteLine($"// PerfGate A/B: refreshed {worktree} to {sha[..AbCommand.ShortShaLength]}");
                return;
            }

            // Not a usable worktree (a half-made or hand-edited folder): start again.
            Directory.Delete(worktree, recursive: true);
        }

        GitOk(root, "worktree", "prune");
        Directory.CreateDirectory(Path.GetDirectoryName(worktree)!);
        if (!GitOk(root, "worktree", "add", "--detach", "--force", worktree, sha))
        {
            throw new AbSetupException($"git worktree add {worktree} {sha} failed");
        }

        Console.WriteLine($"// PerfGate A/B: created the worktree {worktree} ({name} = {sha[..AbCommand.ShortShaLength]})");
    }

    /// <summary>git's trimmed standard output when it exits 0 with some; otherwise null.</summary>
    private static string? Git(string directory, params string[] args)
    {
        var (code, output, _) = Capture("git", args, directory);
        return code == 0 && output.Length > 0 ? output : null;
    }

    private static bool GitOk(string directory, params string[] args)
    {
        var (code, _, error) = Capture("git", args, directory);
        if (code != 0 && error.Length > 0)
        {
            Console.Error.WriteLine(error);
        }

        return code == 0;
    }

    private static (int Code, string Output, string Error) Capture(string file, IEnumerable<string> args, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new AbSetupException($"cannot start {file}");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim(), error.Result.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AbSetupException($"cannot start {file}: {e.Message}");
        }
    }

    private static int RunInherited(string file, IEnumerable<string> args, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new AbSetupException($"cannot start {file}");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AbSetupException($"cannot start {file}: {e.Message}");
        }
    }

    private sealed class AbSetupException(string message) : Exception(message);
}

/// <summary>Where an A/B run puts things and what it hands <c>perfgate ab</c>.</summary>
public sealed record AbPlan(string BaseDll, string HeadDll, string OutDirectory, string? Baseline, string? History, string? Config, AbOptions Options);

/// <summary>
/// The pure half of <c>--ab</c>: paths and command lines, no git, no processes. The base and head commands are shell
/// command lines (each argument that needs it in POSIX single quotes, so a <c>*</c> in a filter never globs);
/// <c>perfgate ab</c> appends <c>--artifacts &lt;folder&gt; [--filter &lt;pattern&gt;…]</c> to each.
/// </summary>
public static class AbCommand
{
    public const int ShortShaLength = 12;

    /// <summary>The configuration and target framework the base is built and run with.</summary>
    public const string BuildOutput = "bin/Release/net10.0";

    public static string BaseWorktree(string root, string sha) =>
        Path.Combine(root, ".perfgate", "ab", "base-" + sha[..Math.Min(ShortShaLength, sha.Length)]);

    public static string BenchmarksDll(string worktree) =>
        Path.Combine([worktree, "benchmarks", .. BuildOutput.Split('/'), "PerfGate.Benchmarks.dll"]);

    public static string RunDirectory(string root, DateTimeOffset now) =>
        Path.Combine(root, ".perfgate", "ab", "run-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>True for a dll under <c>bin/Release/&lt;framework&gt;/</c>: the head must be built like the base.</summary>
    public static bool IsReleaseBuild(string dll) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(dll))) == "Release";

    /// <summary>One side's command: the benchmarks program, only measuring, with the A/B job and the user's filter.</summary>
    public static string BenchmarkCommand(string dll, IReadOnlyList<string> filter)
    {
        var command = new StringBuilder("dotnet ").Append(ShellQuote(dll))
            .Append(' ').Append(RunOptions.NoGateSwitch)
            .Append(' ').Append(RunOptions.NoRecordSwitch)
            .Append(' ').Append(PerfGateJobs.AbArguments);
        if (filter.Count > 0)
        {
            command.Append(" --filter ").Append(ShellJoin(filter));
        }

        return command.ToString();
    }

    /// <summary>The plan for a repository: baseline, history and configuration each only when it is there.</summary>
    public static AbPlan Plan(string root, string baseDll, string headDll, DateTimeOffset now, AbOptions options, Func<string, bool>? exists = null)
    {
        exists ??= p => File.Exists(p) || (Directory.Exists(p) && Directory.EnumerateFiles(p, "*.json").Any());
        var baseline = Path.Combine(root, "baselines");
        var history = Path.Combine(root, ".perfgate", "history.db");
        var config = Path.Combine(root, "perfgate.json");
        return new AbPlan(
            baseDll,
            headDll,
            RunDirectory(root, now),
            exists(baseline) ? baseline : null,
            exists(history) ? history : null,
            exists(config) ? config : null,
            options);
    }

    /// <summary>The arguments of <c>perfgate ab</c> (the verb first).</summary>
    public static IReadOnlyList<string> PerfGateArguments(AbPlan plan)
    {
        var args = new List<string>
        {
            "ab",
            "--base-command", BenchmarkCommand(plan.BaseDll, plan.Options.Filter),
            "--head-command", BenchmarkCommand(plan.HeadDll, plan.Options.Filter),
            "--out", plan.OutDirectory,
        };
        if (plan.Options.Rounds is { } rounds)
        {
            args.AddRange(["--rounds", rounds.ToString(CultureInfo.InvariantCulture)]);
        }

        if (plan.Options.MaxMinutes is { } minutes)
        {
            args.AddRange(["--max-minutes", minutes.ToString(CultureInfo.InvariantCulture)]);
        }

        if (plan.Options.MaxConfirmationRounds is { } confirmations)
        {
            args.AddRange(["--max-confirmation-rounds", confirmations.ToString(CultureInfo.InvariantCulture)]);
        }

        if (plan.Baseline is not null)
        {
            args.AddRange(["--baseline", plan.Baseline]);
        }

        if (plan.History is not null)
        {
            args.AddRange(["--history", plan.History]);
        }

        if (plan.Config is not null)
        {
            args.AddRange(["--config", plan.Config]);
        }

        args.AddRange([
            "--markdown", Path.Combine(plan.OutDirectory, "perfgate-report.md"),
            "--json", Path.Combine(plan.OutDirectory, "perfgate-verdict.json"),
        ]);
        if (plan.Options.Filter.Count > 0)
        {
            // Part of the suite: the benchmarks the filter left out are not "removed".
            args.Add("--ignore-missing");
        }

        if (plan.Options.Verbose)
        {
            args.Add("--verbose");
        }

        return args;
    }

    /// <summary>An argument as a POSIX shell word: unchanged when it is plainly safe, else in single quotes.</summary>
    public static string ShellQuote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@%".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string ShellJoin(IEnumerable<string> args) => string.Join(' ', args.Select(ShellQuote));
}
