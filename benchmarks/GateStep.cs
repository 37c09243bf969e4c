using PerfGate.Cli;

namespace PerfGate.Benchmarks;

/// <summary>
/// The end of a local run: the same `perfgate check` CI runs, against the committed <c>baselines/</c> and the local
/// history (<c>.perfgate/history.db</c>, git-ignored), recorded under the current git branch so the history grows
/// with every run (unless --no-record, or a --filter chose part of the suite: a partial run is never recorded). The process exit code follows the verdict.
/// </summary>
internal static class GateStep
{
    public static int Run(string resultsDirectory, bool record, bool filtered)
    {
        var root = RepositoryRoot.Find();
        var args = new List<string>
        {
            "check",
            "--results", resultsDirectory,
            "--history", Path.Combine(root, ".perfgate", "history.db"),
            "--markdown", Path.Combine(resultsDirectory, "perfgate-report.md"),
            "--json", Path.Combine(resultsDirectory, "perfgate-verdict.json"),
            "--summary",
        };
        var baselines = Path.Combine(root, "baselines");
        if (Directory.Exists(baselines) && Directory.EnumerateFiles(baselines, "*.json").Any())
        {
            args.AddRange(["--baseline", baselines]);
        }

        if (record && !filtered)
        {
            args.Add("--record");
        }

        if (filtered)
        {
            args.Add("--ignore-missing");
        }

        Console.WriteLine();
        Console.WriteLine($"// PerfGate: judging {resultsDirectory} against {baselines} and the local history");
        return PerfGateApp.Run([.. args], CliEnvironment.FromProcess() with { WorkingDirectory = root });
    }
}

/// <summary>Finds the repository root (the folder holding PerfGate.sln) from the working directory upwards.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfGate.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
