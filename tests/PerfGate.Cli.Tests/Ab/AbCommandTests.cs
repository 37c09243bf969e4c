using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using PerfGate.Cli.Ab;
using PerfGate.Cli.Commands;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Tests.Ab;

/// <summary>
/// <c>perfgate ab</c> end to end with real processes: a bash stand-in for the benchmark command (<see cref="StandIn"/>)
/// that writes real BenchmarkDotNet reports, and the folder, log and verdict it leaves.
/// </summary>
public sealed class AbCommandTests
{
    private const double Base = 1.0;

    [Fact]
    public void Rounds_alternate_the_order_and_leave_complete_rounds_whose_verdict_equals_check_ab()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);

        var (code, output, error) = cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(Base) + " head",
            "--out", "ab", "--rounds", "3", "--max-confirmation-rounds", "0", "--json", "ab-verdict.json");

        code.ShouldBeOneOf([0, 1], output + error);
        // Odd rounds base then head, even rounds head then base; the head command is told apart by its extra argument.
        var sides = standIn.Calls().Select(c => c.Contains("args=head ", StringComparison.Ordinal) ? "head" : "base").ToArray();
        sides.ShouldBe(["base", "head", "head", "base", "base", "head"]);
        standIn.Calls().ShouldAllBe(c => c.Contains("--artifacts ", StringComparison.Ordinal) && !c.Contains("--filter", StringComparison.Ordinal));

        var dir = cli.Path("ab");
        Directory.GetDirectories(dir).Select(Path.GetFileName).Order().ShouldBe(["round-01", "round-02", "round-03"]);
        foreach (var round in Directory.GetDirectories(dir))
        {
            Directory.GetFileSystemEntries(round).Select(Path.GetFileName).Order().ShouldBe(["base", "base.log", "head", "head.log"]);
            Directory.GetFiles(Path.Combine(round, "base")).Select(Path.GetFileName).ShouldBe(["BdnFixtures.ParserBenchmarks-report-full.json"]);
            File.ReadAllText(Path.Combine(round, "head.log")).ShouldContain("// Benchmark: BdnFixtures.ParserBenchmarks.Join");
        }

        output.ShouldContain("perfgate ab: round 2/3 head done in ");
        output.ShouldContain("ParserBenchmarks");

        var check = cli.Run("check", "--ab", "ab", "--json", "check-verdict.json");
        check.Code.ShouldBe(code);
        Passed(cli.Path("check-verdict.json")).ShouldBe(Passed(cli.Path("ab-verdict.json")));
    }

    [Fact]
    public void A_quiet_side_prints_progress_lines_and_its_BenchmarkDotNet_log_is_kept_beside_its_log()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);

        var (code, output, error) = cli.Run("ab", "--base-command", "STANDIN_QUIET=1 " + standIn.Command(Base), "--head-command", standIn.Command(Base) + " head",
            "--out", "ab", "--rounds", "1", "--max-confirmation-rounds", "0");

        code.ShouldBeOneOf([0, 1], output + error);
        var round = Path.Combine(cli.Path("ab"), "round-01");
        Directory.GetFileSystemEntries(round).Select(Path.GetFileName).Order().ShouldBe(["base", "base.benchmarkdotnet.log", "base.log", "head", "head.log"]);
        File.ReadAllText(Path.Combine(round, "base.log")).ShouldContain("// PerfGate: benchmark 1 done: BdnFixtures.ParserBenchmarks.");
        File.ReadAllText(Path.Combine(round, "base.benchmarkdotnet.log")).ShouldContain("// Benchmark: BdnFixtures.ParserBenchmarks.");
        BenchmarkProgressLines.Describe("// PerfGate: benchmark 1 done: BdnFixtures.ParserBenchmarks.Join in 0.1 s (0:01 elapsed)")
            .ShouldBe("1 done: BdnFixtures.ParserBenchmarks.Join");
    }

    [Fact]
    public void Confirmation_rounds_rerun_only_the_suspects_through_filter_and_are_marked_by_filter_txt()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base, 1.35);
        const string suspect = "BdnFixtures.ParserBenchmarks.Join";
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new AbSettings
        {
            BaseCommand = standIn.Command(Base),
            HeadCommand = standIn.Command(1.35),
            Out = cli.Path("ab"),
            Rounds = 2,
            MaxConfirmationRounds = 2,
            Check = new CheckRequest { Results = [], History = CommonOptions.DefaultHistoryPath },
            // The round mechanics on their own: which benchmarks are suspects is the gate's business (Confirmation.Suspects).
            Suspects = _ => [suspect],
        };

        var code = AbRunner.Run(settings, cli.Environment(output, error));

        code.ShouldBeOneOf([0, 1], output.ToString() + error);
        var dir = cli.Path("ab");
        Directory.GetDirectories(dir).Select(Path.GetFileName).Order().ShouldBe(["round-01", "round-02", "round-03", "round-04"]);
        File.Exists(Path.Combine(dir, "round-02", "filter.txt")).ShouldBeFalse();
        AbFolder.ReadFilter(Path.Combine(dir, "round-03")).ShouldBe([suspect]);
        AbFolder.ReadFilter(Path.Combine(dir, "round-04")).ShouldBe([suspect]);

        var calls = standIn.Calls();
        calls.Length.ShouldBe(8);
        calls.Take(4).ShouldAllBe(c => !c.Contains("--filter", StringComparison.Ordinal));
        calls.Skip(4).ShouldAllBe(c => c.EndsWith("--filter " + suspect, StringComparison.Ordinal));
        // Round 3 is odd: base first; round 4 head first.
        calls.Skip(4).Select(c => c.Contains("factor=1.35", StringComparison.Ordinal) ? "head" : "base").ShouldBe(["base", "head", "head", "base"]);

        var folder = AbFolder.Load(dir);
        folder.ScreeningRounds.ShouldBe(2);
        folder.Rounds[2].Head.Results.ShouldAllBe(r => r.Id.Method == "Join");
        folder.Rounds[2].Head.Results.Length.ShouldBeGreaterThan(0);
        folder.Rounds[1].Head.Results.ShouldContain(r => r.Id.Method == "Sum");
        output.ToString().ShouldContain("perfgate ab: round 3 (confirmation 1/2, 1 pattern(s)) base done in ");
    }

    [Fact]
    public void No_suspects_means_no_confirmation_rounds()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);
        var settings = new AbSettings
        {
            BaseCommand = standIn.Command(Base),
            HeadCommand = standIn.Command(Base),
            Out = cli.Path("ab"),
            Rounds = 2,
            Check = new CheckRequest { Results = [], History = CommonOptions.DefaultHistoryPath },
            Suspects = _ => ImmutableArray<string>.Empty,
        };

        var code = AbRunner.Run(settings, cli.Environment(new StringWriter(), new StringWriter()));

        code.ShouldBe(0);
        Directory.GetDirectories(cli.Path("ab")).Length.ShouldBe(2);
        standIn.Calls().Length.ShouldBe(4);
    }

    [Fact]
    public void A_slowdown_near_the_threshold_gets_confirmation_rounds_from_the_real_gate_and_the_verdict_says_rounds()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base, 1.35);

        var (code, output, error) = cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(1.35),
            "--out", "ab", "--rounds", "2", "--max-confirmation-rounds", "2", "--json", "verdict.json");

        code.ShouldBeOneOf([0, 1], output + error);
        var confirmations = Directory.GetDirectories(cli.Path("ab")).Where(d => File.Exists(Path.Combine(d, "filter.txt"))).ToArray();
        confirmations.ShouldNotBeEmpty();
        var patterns = confirmations.SelectMany(d => AbFolder.ReadFilter(d)).Distinct().ToArray();
        standIn.Calls().Skip(4).ShouldAllBe(c => patterns.Any(p => c.Contains(p, StringComparison.Ordinal)) && c.Contains("--filter", StringComparison.Ordinal));
        output.ShouldContain("rounds");
    }

    [Fact]
    public void A_failing_side_exits_2_naming_the_round_the_side_the_exit_code_and_the_log()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);
        cli.Variables["STANDIN_FAIL_AT_CALL"] = "3";   // round 2's first side: head

        var (code, output, error) = cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(Base),
            "--out", "ab", "--rounds", "3");

        code.ShouldBe(2, output + error);
        var line = error.Split('\n').Single(l => l.Contains("round 2", StringComparison.Ordinal));
        line.ShouldContain("round 2 head");
        line.ShouldContain("code 7");
        var log = Path.Combine(cli.Path("ab"), "round-02.partial", "head.log");
        line.ShouldContain(log);
        File.ReadAllText(log).ShouldContain("failing on purpose");
        Directory.Exists(Path.Combine(cli.Path("ab"), "round-01", "head")).ShouldBeTrue();
        standIn.Calls().Length.ShouldBe(3);
    }

    [Fact]
    public void A_folder_that_already_holds_rounds_is_refused_with_exit_code_2()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);
        AbLayout.Write(cli.Path("ab"), rounds: 1);

        var (code, _, error) = cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(Base), "--out", "ab");

        code.ShouldBe(2);
        error.ShouldContain("not empty");
        standIn.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancellation_kills_the_running_side_and_leaves_only_complete_rounds()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);
        cli.Variables["STANDIN_HANG_AT_CALL"] = "3";   // round 2's first side sleeps for ten minutes
        using var interrupt = new CancellationTokenSource();
        cli.Cancellation = interrupt.Token;

        var run = Task.Run(() => cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(Base), "--out", "ab"));
        WaitFor(() => File.Exists(standIn.HungPidPath) && File.ReadAllText(standIn.HungPidPath).Trim().Length > 0 || run.IsCompleted);
        run.IsCompleted.ShouldBeFalse("perfgate ab ended before the stand-in hung");
        var pid = int.Parse(File.ReadAllText(standIn.HungPidPath).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        interrupt.Cancel();
        var (code, output, error) = await run;

        code.ShouldBe(ExitCodes.Interrupted, output + error);
        error.ShouldContain("interrupted");
        Directory.GetFileSystemEntries(cli.Path("ab")).Select(Path.GetFileName).ShouldBe(["round-01"]);
        IsRunning(pid).ShouldBeFalse("the hung side's process was not killed");
    }

    [Fact]
    public void A_time_budget_that_runs_out_discards_the_running_round_and_judges_the_complete_ones()
    {
        using var cli = new CliRunner();
        var standIn = new StandIn(cli.Path("stand-in"), Base);
        cli.Variables["STANDIN_HANG_AT_CALL"] = "3";

        // 6 s: round 1 (two short bash runs) completes, round 2 hangs until the budget ends it.
        var (code, output, error) = cli.Run("ab", "--base-command", standIn.Command(Base), "--head-command", standIn.Command(Base),
            "--out", "ab", "--max-minutes", "0.1", "--json", "verdict.json");

        code.ShouldBe(0, output + error);
        output.ShouldContain("ran out in round 2");
        Directory.GetFileSystemEntries(cli.Path("ab")).Select(Path.GetFileName).ShouldBe(["round-01"]);
        File.Exists(cli.Path("verdict.json")).ShouldBeTrue();
        IsRunning(int.Parse(File.ReadAllText(standIn.HungPidPath).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ShouldBeFalse();
    }

    private static bool Passed(string verdictPath)
    {
        using var verdict = JsonDocument.Parse(File.ReadAllText(verdictPath));
        return verdict.RootElement.GetProperty("passed").GetBoolean();
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("the stand-in never reached the expected state");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>True while the process exists and is not a zombie (a killed orphan may wait to be reaped by an init that never does).</summary>
    private static bool IsRunning(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var stat = $"/proc/{pid}/stat";
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                return false;
            }

            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "Z" or "X")
            {
                return false;
            }

            Thread.Sleep(100); // a SIGKILL is delivered asynchronously
        }

        return true;
    }
}
