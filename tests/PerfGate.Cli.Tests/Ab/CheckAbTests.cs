using System.Text.Json;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Tests.Ab;

/// <summary><c>perfgate check --ab DIR</c> on folders written by the test (docs/ab.md).</summary>
public sealed class CheckAbTests
{
    [Fact]
    public void Unchanged_code_measured_in_three_rounds_passes_with_exit_code_0_and_the_reports()
    {
        using var cli = new CliRunner();
        AbLayout.Write(cli.Path("ab"), rounds: 3);

        var (code, output, error) = cli.Run("check", "--ab", "ab", "--json", "verdict.json", "--markdown", "report.md");

        code.ShouldBe(0, output + error);
        output.ShouldContain("ParserBenchmarks");
        File.Exists(cli.Path("report.md")).ShouldBeTrue();
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        verdict.RootElement.GetProperty("benchmarks").GetArrayLength().ShouldBeGreaterThan(3);
    }

    [Fact]
    public void A_round_without_its_head_side_exits_2_naming_the_round_and_the_side()
    {
        using var cli = new CliRunner();
        var dir = AbLayout.Write(cli.Path("ab"), rounds: 3);
        Directory.Delete(Path.Combine(AbLayout.RoundFolder(dir, 2), "head"), recursive: true);

        var (code, _, error) = cli.Run("check", "--ab", "ab");

        code.ShouldBe(2);
        error.ShouldContain("round 2 has no head side");
        error.ShouldContain(Path.Combine("round-02", "head"));
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Unreadable_results_in_a_side_exit_2_naming_the_round_and_the_side()
    {
        using var cli = new CliRunner();
        var dir = AbLayout.Write(cli.Path("ab"), rounds: 2);
        var file = Directory.GetFiles(Path.Combine(AbLayout.RoundFolder(dir, 1), "base"))[0];
        File.WriteAllText(file, File.ReadAllText(file)[..1000]);

        var (code, _, error) = cli.Run("check", "--ab", "ab");

        code.ShouldBe(2);
        error.ShouldContain("round 1, base side");
    }

    [Fact]
    public void A_folder_without_rounds_exits_2()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.Path("ab", "results"));

        var (code, _, error) = cli.Run("check", "--ab", "ab");

        code.ShouldBe(2);
        error.ShouldContain("no round-NN folders");
    }

    [Fact]
    public void Results_and_ab_together_are_a_usage_error_and_neither_is_one_too()
    {
        using var cli = new CliRunner();
        AbLayout.Write(cli.Path("ab"), rounds: 2);

        var both = cli.Run("check", "--ab", "ab", "--results", CliRunner.Run1);
        var neither = cli.Run("check");

        both.Code.ShouldBe(2);
        both.Error.ShouldContain("not both");
        neither.Code.ShouldBe(2);
        neither.Error.ShouldContain("--results");
    }

    [Fact]
    public void A_partial_round_is_skipped_with_a_note_in_the_verdict()
    {
        using var cli = new CliRunner();
        var dir = AbLayout.Write(cli.Path("ab"), rounds: 3);
        Directory.CreateDirectory(Path.Combine(dir, "round-04.partial", "base"));

        var (code, output, error) = cli.Run("check", "--ab", "ab", "--json", "verdict.json");

        code.ShouldBe(0, output + error);
        File.ReadAllText(cli.Path("verdict.json")).ShouldContain("round-04.partial");
    }

    [Fact]
    public void Rounds_load_in_numeric_order_and_a_filter_file_makes_a_confirmation_round()
    {
        using var cli = new CliRunner();
        var dir = AbLayout.Write(cli.Path("ab"), rounds: 3);
        Directory.Move(AbLayout.RoundFolder(dir, 3), Path.Combine(dir, "round-10"));
        File.WriteAllText(Path.Combine(dir, "round-10", "filter.txt"), "BdnFixtures.ParserBenchmarks.Join\n");

        var folder = AbFolder.Load(dir);

        folder.Rounds.Select(r => r.Number).ShouldBe([1, 2, 10]);
        folder.ScreeningRounds.ShouldBe(2);
        AbFolder.ReadFilter(Path.Combine(dir, "round-10")).ShouldBe(["BdnFixtures.ParserBenchmarks.Join"]);
        folder.Rounds[0].Head.Results.Length.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void A_head_slower_in_every_round_fails_with_exit_code_1_and_says_rounds_per_benchmark()
    {
        using var cli = new CliRunner();
        AbLayout.Write(cli.Path("ab"), rounds: 3, headFactor: 1.6);

        var (code, output, _) = cli.Run("check", "--ab", "ab", "--json", "verdict.json");

        code.ShouldBe(1, output);
        output.ShouldContain("rounds");
    }
}
