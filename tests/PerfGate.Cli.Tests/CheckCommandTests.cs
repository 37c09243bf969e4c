using System.Text.Json;

namespace PerfGate.Cli.Tests;

public sealed class CheckCommandTests
{
    private static readonly string Run1 = CliRunner.Run1;
    private static readonly string Run2 = CliRunner.Run2;

    [Fact]
    public void An_unchanged_run_passes_with_exit_code_0_and_writes_the_reports()
    {
        using var cli = new CliRunner();

        var (code, output, error) = cli.Run("check", "--results", Run2, "--baseline", Run1, "--markdown", "report.md", "--json", "verdict.json");

        code.ShouldBe(0, error);
        output.ShouldContain("ParserBenchmarks");
        File.ReadAllText(cli.Path("report.md")).ShouldContain("<!--");
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        var benchmarks = verdict.RootElement.GetProperty("benchmarks");
        benchmarks.GetArrayLength().ShouldBeGreaterThan(3);
        foreach (var b in benchmarks.EnumerateArray())
        {
            b.GetProperty("id").GetString().ShouldStartWith("BdnFixtures.ParserBenchmarks.");
            b.GetProperty("severity").GetString().ShouldBeOneOf("ok", "warning", "error", "critical");
        }
    }

    [Fact]
    public void A_regression_of_one_benchmark_fails_with_exit_code_1()
    {
        // Three times slower and allocating twice as much: the fixture's timings are too noisy (3 iterations) to
        // prove the slowdown alone, but allocations move exactly with the code.
        using var cli = new CliRunner();
        var slowed = cli.SlowedCopy(Run2, 3.0, "slowed", which: i => i == 18, allocationFactor: 2.0);   // Join(Count=100): 1,870 B per operation

        var (code, output, _) = cli.Run("check", "--results", slowed, "--baseline", Run1, "--json", "verdict.json");

        code.ShouldBe(1, output);
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("passed").GetBoolean().ShouldBeFalse();
        verdict.RootElement.GetProperty("benchmarks").EnumerateArray().ShouldContain(b => b.GetProperty("fails").GetBoolean());
    }

    [Theory]
    [InlineData("no-such-results")]
    [InlineData("empty-folder")]
    public void Missing_or_empty_results_exit_2_naming_the_path_without_a_stack_trace(string name)
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.Path("empty-folder"));

        var (code, _, error) = cli.Run("check", "--results", name);

        code.ShouldBe(2);
        error.ShouldContain(name);
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void A_truncated_results_file_exits_2_naming_the_file()
    {
        using var cli = new CliRunner();
        var text = File.ReadAllText(Run1);
        File.WriteAllText(cli.Path("truncated.json"), text[..(text.Length / 2)]);

        var (code, _, error) = cli.Run("check", "--results", "truncated.json");

        code.ShouldBe(2);
        error.ShouldContain("truncated.json");
    }

    [Fact]
    public void A_bad_configuration_exits_2_naming_the_file_and_the_key()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.Path("perfgate.json"), """{ "thresholds": { "failPercent": "lots" } }""");

        var (code, _, error) = cli.Run("check", "--results", Run1, "--config", "perfgate.json");

        code.ShouldBe(2);
        error.ShouldContain("perfgate.json");
        error.ShouldContain("failPercent");
    }

    [Fact]
    public void Unknown_options_are_usage_errors_with_exit_code_2()
    {
        using var cli = new CliRunner();

        var (code, _, error) = cli.Run("check", "--results", Run1, "--no-such-option");

        code.ShouldBe(2);
        error.ShouldContain("--no-such-option");
    }

    [Fact]
    public void Nothing_is_written_to_the_history_without_record_and_a_run_is_stored_with_it()
    {
        using var cli = new CliRunner();

        cli.Run("check", "--results", Run1).Code.ShouldBe(0);
        File.Exists(cli.Path(".perfgate", "history.db")).ShouldBeFalse();

        var (code, output, error) = cli.Run("check", "--results", Run1, "--record", "--branch", "main", "--commit", "abc123");

        code.ShouldBe(0, error);
        output.ShouldContain("recorded run");
        File.Exists(cli.Path(".perfgate", "history.db")).ShouldBeTrue();
    }

    [Fact]
    public void Baseline_update_writes_an_atomic_baseline_that_show_prints_and_check_accepts()
    {
        using var cli = new CliRunner();

        var (code, output, error) = cli.Run("baseline", "update", "--from", Run1, "--dir", "baselines", "--commit", "feedbeef");
        code.ShouldBe(0, error);
        output.ShouldContain("baseline.json");
        Directory.GetFiles(cli.Path("baselines")).Select(Path.GetFileName).ShouldBe(["baseline.json"]);

        var show = cli.Run("baseline", "show", "--dir", "baselines");
        show.Code.ShouldBe(0);
        show.Out.ShouldContain("feedbeef");
        show.Out.ShouldContain("BdnFixtures.ParserBenchmarks.Join");

        cli.Run("check", "--results", Run2, "--baseline", "baselines").Code.ShouldBe(0);
    }

    [Fact]
    public void Ignore_missing_leaves_benchmarks_a_filtered_run_did_not_run_out_of_the_report()
    {
        using var cli = new CliRunner();
        var all = cli.Run("check", "--results", Run2, "--baseline", Run1, "--json", "all.json");
        var filtered = cli.SlowedCopy(Run2, 1.0, "filtered");
        var file = Directory.GetFiles(filtered).Single();
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        var benchmarks = root["Benchmarks"]!.AsArray();
        while (benchmarks.Count > 2)
        {
            benchmarks.RemoveAt(benchmarks.Count - 1);
        }

        File.WriteAllText(file, root.ToJsonString());

        var (code, _, error) = cli.Run("check", "--results", filtered, "--baseline", Run1, "--ignore-missing", "--json", "filtered.json");

        all.Code.ShouldBe(0);
        code.ShouldBe(0, error);
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("filtered.json")));
        var kinds = verdict.RootElement.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("kind").GetString()).ToList();
        kinds.Count.ShouldBe(2);
        kinds.ShouldNotContain("removed");
    }
}
