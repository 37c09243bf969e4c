using System.Diagnostics;
using PerfGate.Core.History;

namespace PerfGate.Cli.Tests;

/// <summary>Real `perfgate check --record` processes writing one history file at the same time.</summary>
public sealed class ConcurrentRecordTests
{
    private static readonly string Run1 = CliRunner.Fixture("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-full.json");

    [Fact]
    public void Two_processes_recording_at_once_lose_no_run()
    {
        using var cli = new CliRunner();
        var history = cli.Path("shared.db");
        var perfgate = Path.Combine(AppContext.BaseDirectory, "perfgate.dll");

        Parallel.For(0, 2, writer =>
        {
            for (var i = 0; i < 8; i++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { perfgate, "check", "--results", Run1, "--history", history, "--record", "--branch", "main", "--commit", $"w{writer}-{i}" })
                {
                    info.ArgumentList.Add(a);
                }

                using var process = Process.Start(info)!;
                var error = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                process.ExitCode.ShouldBe(0, error.Result);
            }
        });

        using var store = new SqliteHistoryStore(history);
        var runs = store.FindRunsByCommit("w");
        runs.Count.ShouldBe(16);
        runs.Select(r => r.Commit).Distinct().Count().ShouldBe(16);
        var counts = runs.Select(r => store.GetResults(r.Id).Count).Distinct().ToList();
        counts.ShouldHaveSingleItem().ShouldBeGreaterThan(3);
    }
}
