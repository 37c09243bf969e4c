using PerfGate.Cli.Tests.Faults;
using PerfGate.Core.History;

namespace PerfGate.Cli.Tests;

/// <summary>
/// Real `perfgate check --record` processes writing one history file at the same time (the four-writer × 50-run
/// version is in Faults/HistoryProcessFaultTests). In the timed-processes collection, so it never runs beside the
/// tests that time real processes.
/// </summary>
[Collection(TimedProcesses.Name)]
public sealed class ConcurrentRecordTests
{
    [Fact]
    public void Two_processes_recording_at_once_lose_no_run()
    {
        using var cli = new CliRunner();
        var history = cli.Path("shared.db");

        Parallel.For(0, 2, writer =>
        {
            for (var i = 0; i < 8; i++)
            {
                var run = PerfGateProcess.Run(
                    ["check", "--results", CliRunner.Run1, "--history", history, "--record", "--branch", "main", "--commit", $"w{writer}-{i}"],
                    null,
                    cli.Directory);
                run.Code.ShouldBe(0, run.ToString());
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
