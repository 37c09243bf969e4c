using System.Diagnostics;
using System.Globalization;
using PerfGate.Cli.Tests.Faults;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Postgres;

/// <summary>
/// Real <c>dotnet perfgate.dll</c> processes against a real PostgreSQL: many recording at once, and one killed in the
/// middle of recording. In the timed-processes collection, so they never run beside the tests that time processes.
/// </summary>
[Trait("Category", "Hardening")]
[Collection(TimedProcesses.Name)]
public sealed class PostgresProcessTests(ITestOutputHelper log) : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Eight_processes_recording_fifty_runs_each_at_once_lose_no_run_or_row()
    {
        // Each process records fifty runs: `history copy --append` of its own fifty-run SQLite history, one run at a time
        // from eight processes into one PostgreSQL project; then eight `check --record` processes more.
        var results = ResultsFiles.WithNames(_cli.Path("r", "Small-report-full.json"), ["A", "B", "C"]);
        var sources = Enumerable.Range(0, 8).Select(w =>
        {
            var path = _cli.Path($"writer{w}.db");
            using var store = new Core.History.SqliteHistoryStore(path);
            for (var i = 0; i < 50; i++)
            {
                var run = Core.Results.ResultsLoader.Load([results]);
                store.RecordRun(Core.History.RecordedRun.From(run, DateTimeOffset.UnixEpoch.AddDays(20000 + i).AddMinutes(w), "main", $"w{w}-{i:D2}"), []);
            }

            return path;
        }).ToArray();
        var variables = new Dictionary<string, string?> { ["PERFGATE_HISTORY"] = _database.ConnectionString, ["PERFGATE_PROJECT"] = "acme/shared" };

        var watch = Stopwatch.StartNew();
        var copies = sources.AsParallel().WithDegreeOfParallelism(8)
            .Select(source => PerfGateProcess.Run(["history", "copy", "--from", source, "--to", _database.ConnectionString, "--append"], variables, _cli.Directory, TimeSpan.FromMinutes(4)))
            .ToList();
        var checks = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(w => PerfGateProcess.Run(["check", "--results", results, "--record", "--branch", "main", "--commit", $"check-{w}"], variables, _cli.Directory))
            .ToList();
        log.WriteLine($"8 copy processes x 50 runs, then 8 check processes: {watch.Elapsed.TotalSeconds:0.0} s");

        foreach (var run in copies.Concat(checks))
        {
            run.Code.ShouldBe(0, run.ToString());
            (run.Out + run.Error).ShouldNotContain(_database.Password);
        }

        var perCommit = _database.ResultsPerCommit("acme/shared");
        perCommit.Count.ShouldBe(8 * 50 + 8);
        perCommit.Values.ShouldAllBe(count => count == 3);
        foreach (var w in Enumerable.Range(0, 8))
        {
            Enumerable.Range(0, 50).ShouldAllBe(i => perCommit.ContainsKey($"w{w}-{i:D2}"));
            perCommit.ShouldContainKey($"check-{w}");
        }

        _database.Scalar("SELECT count(*) FROM results").ShouldBe((8 * 50 + 8) * 3);
        _database.Scalar("SELECT count(*) FROM series").ShouldBe(3);
    }

    [Fact]
    public async Task Killing_recording_processes_leaves_only_whole_runs_in_postgres()
    {
        const int Benchmarks = 1500;
        var results = ResultsFiles.Large(_cli.Path("large", "Large-report-full.json"), Benchmarks);
        var plain = new Dictionary<string, string?> { ["PERFGATE_HISTORY"] = _database.ConnectionString, ["PERFGATE_PROJECT"] = "acme/killed" };
        var seed = PerfGateProcess.Run(["check", "--results", results, "--record", "--branch", "main", "--commit", "seed"], plain, _cli.Directory);
        seed.Code.ShouldBe(0, seed.ToString());
        var perRun = _database.ResultsPerCommit("acme/killed").ShouldHaveSingleItem().Value;
        perRun.ShouldBeGreaterThanOrEqualTo(Benchmarks);

        var random = new Random(20261202);
        var killedInside = 0;
        var committed = new List<string> { "seed" };
        for (var i = 0; i < 5; i++)
        {
            // The hook sleeps 1 ms per result row inside the recording transaction (≥ 1.5 s), so a kill within the first
            // second after its marker lands inside the transaction.
            var variables = new Dictionary<string, string?>(plain) { ["PERFGATE_TEST_RECORD_DELAY_MS"] = "1" };
            var commit = "kill-" + i.ToString(CultureInfo.InvariantCulture);
            using var process = Process.Start(PerfGateProcess.StartInfo(["check", "--results", results, "--record", "--branch", "main", "--commit", commit], variables, _cli.Directory))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null || e.Data.Contains("test hook: recording started", StringComparison.Ordinal))
                {
                    marker.TrySetResult();
                }
            };
            process.BeginErrorReadLine();
            await marker.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await Task.Delay(random.Next(0, 1000));
            var killed = !process.HasExited;
            if (killed)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            var recorded = (await output).Contains("recorded run", StringComparison.Ordinal);
            var present = _database.ResultsPerCommit("acme/killed").ContainsKey(commit);
            log.WriteLine($"kill {i}: killed={killed} recorded={recorded} present={present}");
            if (recorded || !killed)
            {
                present.ShouldBeTrue();
            }

            if (present)
            {
                committed.Add(commit);
            }
            else
            {
                killedInside++;
            }
        }

        // The server rolls back a dead client's transaction; nothing of it is ever visible.
        var after = _database.ResultsPerCommit("acme/killed");
        after.Keys.ShouldBe(committed, ignoreOrder: true);
        after.Values.ShouldAllBe(count => count == perRun, "a run with missing results (a partial run) is in the history");
        _database.Scalar("SELECT count(*) FROM results r LEFT JOIN runs u ON u.id = r.run_id WHERE u.id IS NULL").ShouldBe(0);
        killedInside.ShouldBeGreaterThanOrEqualTo(3, "too few kills landed inside the recording transaction to prove anything");

        var again = PerfGateProcess.Run(["check", "--results", results, "--record", "--branch", "main", "--commit", "after-kills"], plain, _cli.Directory);
        again.Code.ShouldBe(0, again.ToString());
        _database.ResultsPerCommit("acme/killed").Count.ShouldBe(committed.Count + 1);
    }
}
