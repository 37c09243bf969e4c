using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// History faults at the process level (issue 6, part 2): a real <c>dotnet perfgate.dll check --record</c> killed while
/// recording, a damaged file, a read-only file, a file locked by another writer, and four writer processes at once.
/// The store-level versions of these are in tests/PerfGate.Core.Tests/History; these go through the CLI and real processes.
/// </summary>
[Trait("Category", "Hardening")]
[Collection(TimedProcesses.Name)]
public sealed class HistoryProcessFaultTests(ITestOutputHelper log)
{
    private static string[] Check(string results, string history, string commit, params string[] more) =>
        ["check", "--results", results, "--history", history, "--record", "--branch", "main", "--commit", commit, .. more];

    [Fact]
    public async Task Killing_recording_processes_at_random_moments_leaves_a_sound_database_with_whole_runs_only()
    {
        using var cli = new CliRunner();
        const int benchmarks = 1500;
        var results = ResultsFiles.Large(cli.Path("large", "Large-report-full.json"), benchmarks);
        var history = cli.Path("history.db");

        var seed = PerfGateProcess.Run(Check(results, history, "seed"), null, cli.Directory);
        seed.Code.ShouldBe(0, seed.ToString());
        var whole = (int)seed.Elapsed.TotalMilliseconds;
        var perRun = Inspect(history).ResultsPerRun.ShouldHaveSingleItem().Value;
        perRun.ShouldBeGreaterThanOrEqualTo(benchmarks);

        // A fixed seed, so a failure replays; PERFGATE_FAULT_SEED explores others.
        var seedValue = int.TryParse(Environment.GetEnvironmentVariable("PERFGATE_FAULT_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261130;
        var random = new Random(seedValue);
        var killedMidTransaction = 0;
        var committed = 0;
        for (var i = 0; i < 10; i++)
        {
            // Eight kills timed from the hook's "recording started" marker: the hook sleeps 1 ms per result row, so the
            // transaction lasts at least 1.5 s and a kill within the first second lands inside it. Two are timed from
            // process start without the hook, anywhere in the life of an unhooked process (startup, parsing, judging,
            // the real recording).
            var hooked = i % 5 != 4;
            var delay = hooked ? random.Next(0, 1000) : random.Next(whole / 5, whole * 4 / 5);
            var variables = hooked ? new Dictionary<string, string?> { ["PERFGATE_TEST_RECORD_DELAY_MS"] = "1" } : null;
            var commit = "kill-" + i.ToString(CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(PerfGateProcess.StartInfo(Check(results, history, commit), variables, cli.Directory))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var error = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    marker.TrySetResult();
                    return;
                }

                lock (error)
                {
                    error.AppendLine(e.Data);
                }

                if (e.Data.Contains("test hook: recording started", StringComparison.Ordinal))
                {
                    marker.TrySetResult();
                }
            };
            process.BeginErrorReadLine();

            if (hooked)
            {
                await marker.Task.WaitAsync(TimeSpan.FromMinutes(1));
            }

            await Task.Delay(delay);
            var killed = false;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }

            await process.WaitForExitAsync();
            var recorded = (await output).Contains("recorded run", StringComparison.Ordinal);
            var present = Inspect(history).Commits.Contains(commit);
            var state = $"iteration {i}: stdout says recorded={recorded}, database has it={present}";
            if (recorded)
            {
                present.ShouldBeTrue(state);
            }

            if (!killed)
            {
                process.ExitCode.ShouldBe(0, state);
                present.ShouldBeTrue(state);
            }
            if (present)
            {
                committed++;
            }
            else if (killed && hooked)
            {
                killedMidTransaction++;
            }

            log.WriteLine($"kill {i}: hook={hooked} delay={delay} ms killed={killed} committed={present} after {watch.Elapsed.TotalSeconds:0.0} s");
        }

        log.WriteLine($"random seed {seedValue}: {killedMidTransaction} killed inside the transaction, {committed} committed");
        var after = Inspect(history);
        after.Integrity.ShouldBe("ok");
        after.ResultsPerRun.Count.ShouldBe(1 + committed);
        after.ResultsPerRun.Values.ShouldAllBe(count => count == perRun, "a run with missing results (a partial run) is in the history");
        killedMidTransaction.ShouldBeGreaterThanOrEqualTo(4, "too few kills landed inside the recording transaction to prove anything");

        // And the file still takes new runs.
        var again = PerfGateProcess.Run(Check(results, history, "after-kills"), null, cli.Directory);
        again.Code.ShouldBe(0, again.ToString());
        Inspect(history).ResultsPerRun.Count.ShouldBe(2 + committed);
    }

    [Theory]
    [InlineData("random-bytes", false)]
    [InlineData("random-bytes", true)]
    [InlineData("text", true)]
    [InlineData("truncated", true)]
    public void A_damaged_history_exits_2_with_one_line_naming_the_file_and_the_recovery(string damage, bool record)
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Small-report-full.json"), ["A", "B", "C"]);
        var history = cli.Path("history.db");
        switch (damage)
        {
            case "random-bytes":
                var bytes = new byte[8192];
                new Random(6).NextBytes(bytes);
                File.WriteAllBytes(history, bytes);
                break;
            case "text":
                File.WriteAllText(history, "this is not a database\n");
                break;
            default:
                var big = ResultsFiles.Large(cli.Path("big", "Big-report-full.json"), 300);
                PerfGateProcess.Run(Check(big, history, "c1"), null, cli.Directory).Code.ShouldBe(0);
                SqliteConnection.ClearAllPools();
                using (var stream = new FileStream(history, FileMode.Open))
                {
                    stream.SetLength(stream.Length / 3);
                }

                File.Delete(history + "-wal");
                File.Delete(history + "-shm");
                break;
        }

        string[] args = record ? Check(results, history, "c2") : ["check", "--results", results, "--history", history];
        var run = PerfGateProcess.Run(args, null, cli.Directory);

        run.Code.ShouldBe(2, run.ToString());
        var line = run.ErrorLines.ShouldHaveSingleItem(run.ToString());
        line.ShouldStartWith("perfgate: " + history + ": ");
        line.ShouldContain("Move the file aside");
        line.ShouldContain("restore the file");

        var verbose = PerfGateProcess.Run([.. args, "--verbose"], null, cli.Directory);
        verbose.Code.ShouldBe(2);
        verbose.ErrorLines[0].ShouldBe(line);
        verbose.Error.ShouldContain("HistoryException");
    }

    [Fact]
    public void A_read_only_history_exits_2_with_one_clear_line()
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Small-report-full.json"), ["A", "B", "C"]);
        var history = cli.Path("history.db");
        PerfGateProcess.Run(Check(results, history, "c1"), null, cli.Directory).Code.ShouldBe(0);
        File.SetAttributes(history, FileAttributes.ReadOnly);
        try
        {
            var run = PerfGateProcess.Run(Check(results, history, "c2"), null, cli.Directory);
            run.Code.ShouldBe(2, run.ToString());
            var line = run.ErrorLines.ShouldHaveSingleItem(run.ToString());
            line.ShouldStartWith("perfgate: " + history + ": ");
            line.ShouldContain("read-only");
        }
        finally
        {
            File.SetAttributes(history, FileAttributes.Normal);
        }

        Inspect(history).ResultsPerRun.Count.ShouldBe(1);
    }

    [Fact]
    public void A_history_locked_by_another_writer_beyond_the_busy_timeout_exits_2_with_one_clear_line()
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Small-report-full.json"), ["A", "B", "C"]);
        var history = cli.Path("history.db");
        PerfGateProcess.Run(Check(results, history, "c1"), null, cli.Directory).Code.ShouldBe(0);

        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = history, Pooling = false }.ToString()))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE runs SET branch = branch;";
            begin.ExecuteNonQuery();

            var run = PerfGateProcess.Run(Check(results, history, "c2"), new Dictionary<string, string?> { ["PERFGATE_BUSY_TIMEOUT_MS"] = "300" }, cli.Directory);
            log.WriteLine($"locked: failed after {run.Elapsed.TotalSeconds:0.00} s");
            run.Code.ShouldBe(2, run.ToString());
            var line = run.ErrorLines.ShouldHaveSingleItem(run.ToString());
            line.ShouldStartWith("perfgate: " + history + ": ");
            line.ShouldContain("locked by another process");
            // The message names the timeout in force: the variable's 300 ms, not the default 10 s.
            line.ShouldContain("for more than 0.3 s");
            // A guard against hanging, not a timing claim: dotnet's start-up is in the figure.
            run.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));

            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        var after = PerfGateProcess.Run(Check(results, history, "c3"), null, cli.Directory);
        after.Code.ShouldBe(0, after.ToString());
        Inspect(history).Commits.ShouldBe(["c1", "c3"], ignoreOrder: true);
    }

    [Fact]
    public void A_busy_timeout_setting_that_is_not_a_number_exits_2()
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Small-report-full.json"), ["A"]);
        var run = PerfGateProcess.Run(Check(results, cli.Path("history.db"), "c1"), new Dictionary<string, string?> { ["PERFGATE_BUSY_TIMEOUT_MS"] = "ten" }, cli.Directory);
        run.Code.ShouldBe(2, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain("PERFGATE_BUSY_TIMEOUT_MS");
    }

    [Fact]
    public void Four_writer_processes_recording_fifty_runs_each_lose_no_row()
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Small-report-full.json"), ["A", "B", "C"]);
        var history = cli.Path("shared.db");
        // Created first so the four writers do not also race to create the schema (ConcurrentRecordTests covers that).
        PerfGateProcess.Run(Check(results, history, "seed"), null, cli.Directory).Code.ShouldBe(0);

        var watch = Stopwatch.StartNew();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, writer =>
        {
            for (var i = 0; i < 50; i++)
            {
                var run = PerfGateProcess.Run(Check(results, history, $"w{writer}-{i}"), null, cli.Directory);
                run.Code.ShouldBe(0, run.ToString());
            }
        });
        watch.Stop();
        log.WriteLine($"4 writers x 50 processes: {watch.Elapsed.TotalSeconds:0.0} s ({watch.Elapsed.TotalMilliseconds / 200:0} ms per process)");

        var after = Inspect(history);
        after.Integrity.ShouldBe("ok");
        after.Commits.Count.ShouldBe(201);
        after.Commits.Where(c => c.StartsWith('w')).Distinct().Count().ShouldBe(200);
        after.ResultsPerRun.Count.ShouldBe(201);
        after.ResultsPerRun.Values.Distinct().ShouldHaveSingleItem().ShouldBe(3);
        after.Results.ShouldBe(603);
    }

    private static Snapshot Inspect(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        string Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
        }

        var integrity = Scalar("PRAGMA integrity_check;");
        var perRun = new Dictionary<long, long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT r.id, (SELECT COUNT(*) FROM results x WHERE x.run_id = r.id) FROM runs r;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                perRun[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        var commits = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT commit_sha FROM runs;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                commits.Add(reader.GetString(0));
            }
        }

        var results = long.Parse(Scalar("SELECT COUNT(*) FROM results;"), CultureInfo.InvariantCulture);
        return new Snapshot(integrity, perRun, commits, results);
    }

    private sealed record Snapshot(string Integrity, Dictionary<long, long> ResultsPerRun, List<string> Commits, long Results);
}
