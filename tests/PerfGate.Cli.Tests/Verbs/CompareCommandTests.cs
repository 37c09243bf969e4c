using System.Text.Json;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate compare</c> on the recorded history: run 1 (before the regression) against run 30 (after).</summary>
public sealed class CompareCommandTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    private const string Regressed = "ParserBenchmarks." + RecordedHistory.RegressedSeries;

    private (int Code, string Out, string Error) Compare(params string[] args) =>
        history.Cli.Run(["compare", .. args, "--history", history.HistoryPath]);

    private static List<JsonElement> Benchmarks(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("benchmarks").EnumerateArray().Select(e => e.Clone())];
    }

    private static void ShouldShowTheRegressionAlone(List<JsonElement> rows, double lowPercent, double highPercent, string verdict)
    {
        rows.Count.ShouldBe(24);
        var regressed = rows.Single(r => r.GetProperty("benchmark").GetString()!.StartsWith(Regressed, StringComparison.Ordinal));
        regressed.GetProperty("changePercent").GetDouble().ShouldBeInRange(lowPercent, highPercent);
        regressed.GetProperty("verdict").GetString().ShouldBe(verdict);
        foreach (var other in rows.Where(r => r.GetProperty("benchmark").GetString() != regressed.GetProperty("benchmark").GetString()))
        {
            other.GetProperty("changePercent").GetDouble().ShouldBeInRange(-5, 5, other.GetProperty("benchmark").GetString());
            other.GetProperty("verdict").GetString().ShouldBe("unchanged");
            other.GetProperty("fails").GetBoolean().ShouldBeFalse();
        }
    }

    [Fact]
    public void Run_ids_compare_the_first_and_last_runs_showing_the_regressed_benchmark_60_percent_slower_and_the_rest_unchanged()
    {
        var (code, output, error) = Compare("#1", "30", "--format", "json");

        code.ShouldBe(0, error);
        var rows = Benchmarks(output);
        ShouldShowTheRegressionAlone(rows, 50, 70, "regression");
        var regressed = rows.Single(r => r.GetProperty("benchmark").GetString()!.StartsWith(Regressed, StringComparison.Ordinal));
        regressed.GetProperty("severity").GetString().ShouldBe("critical");
        regressed.GetProperty("fails").GetBoolean().ShouldBeTrue();
        regressed.GetProperty("allocatedChangePercent").GetDouble().ShouldBe(100, 0.001);
        regressed.GetProperty("b").GetDouble().ShouldBeGreaterThan(regressed.GetProperty("a").GetDouble() * 1.5);

        using var document = JsonDocument.Parse(output);
        var a = document.RootElement.GetProperty("a");
        a.GetProperty("kind").GetString().ShouldBe("run");
        a.GetProperty("runId").GetInt64().ShouldBe(history.RunIds[0]);
        a.GetProperty("commit").GetString().ShouldBe(RecordedHistory.CommitOf(0));
        document.RootElement.GetProperty("b").GetProperty("runId").GetInt64().ShouldBe(history.RunIds[^1]);
        document.RootElement.GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Commit_prefixes_resolve_to_their_runs_and_the_table_names_both_sides()
    {
        var (code, output, error) = Compare(RecordedHistory.CommitOf(0)[..8], RecordedHistory.CommitOf(29)[..8]);

        code.ShouldBe(0, error);
        output.ShouldStartWith($"A: run #{history.RunIds[0]} on main, commit {RecordedHistory.CommitOf(0)[..12]}, 2026-11-01 12:00 UTC, 24 benchmarks");
        output.ShouldContain($"B: run #{history.RunIds[^1]} on main, commit {RecordedHistory.CommitOf(29)[..12]}, 2026-11-30 12:00 UTC, 24 benchmarks");
        var line = output.Split('\n').Single(l => l.StartsWith(Regressed, StringComparison.Ordinal));
        line.ShouldContain("regression");
        line.ShouldContain("critical");
        line.ShouldContain("+100.0%");
        line.ShouldMatch(@"\+5\d\.\d%|\+6\d\.\d%");
        output.ShouldContain("24 benchmarks: 1 slower, 0 faster, 23 unchanged; the gate would fail B against A (1 failing)");
        output.ShouldNotContain("\u2502"); // plain text off a terminal, no box drawing
    }

    [Fact]
    public void A_branch_against_a_results_folder_shows_the_unregressed_results_faster()
    {
        var folder = Path.GetDirectoryName(history.Source)!;

        var (code, output, error) = Compare("branch:main", folder, "--format", "json");

        code.ShouldBe(0, error);
        ShouldShowTheRegressionAlone(Benchmarks(output), -45, -30, "improvement");
        using var document = JsonDocument.Parse(output);
        document.RootElement.GetProperty("a").GetProperty("kind").GetString().ShouldBe("branch");
        document.RootElement.GetProperty("a").GetProperty("runId").GetInt64().ShouldBe(history.RunIds[^1]);
        document.RootElement.GetProperty("b").GetProperty("kind").GetString().ShouldBe("path");
        document.RootElement.GetProperty("b").GetProperty("path").GetString().ShouldBe(folder);
        document.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Csv_has_one_row_per_benchmark_with_raw_numbers()
    {
        var (code, output, error) = Compare("run:1", "branch:main", "--format", "csv");

        code.ShouldBe(0, error);
        var records = Rfc4180.Parse(output);
        records[0].ShouldBe(["benchmark", "a", "b", "changePercent", "changeLowerPercent", "changeUpperPercent", "verdict", "severity", "fails", "allocatedA", "allocatedB", "allocatedChangePercent"]);
        var rows = records.Skip(1).ToList();

        rows.Count.ShouldBe(24);
        var regressed = rows.Single(r => r[0].StartsWith(Regressed, StringComparison.Ordinal));
        double.Parse(regressed[3], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(50, 70);
        double.Parse(regressed[4], System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(double.Parse(regressed[5], System.Globalization.CultureInfo.InvariantCulture));
        regressed[8].ShouldBe("true");
        regressed[10].ShouldBe("3740");
    }

    [Fact]
    public void Fail_on_regression_exits_1_when_the_gate_would_fail_and_markdown_is_written()
    {
        var markdown = history.Cli.Path($"compare-{Guid.NewGuid():N}.md");

        Compare("#1", "#30", "--fail-on-regression", "--markdown", markdown).Code.ShouldBe(1);
        File.ReadAllText(markdown).ShouldContain("Join(Count=100, Separator=a b)");
        Compare("#1", "#2", "--fail-on-regression").Code.ShouldBe(0);
    }

    [Theory]
    [InlineData("#999", "no run #999")]
    [InlineData("run:x", "a run id is a positive whole number")]
    [InlineData("branch:nope", "no recorded run on branch 'nope'")]
    [InlineData("commit:ffff", "no recorded run has a commit starting with 'ffff'")]
    [InlineData("commit:zz", "at least 4 hex digits")]
    [InlineData("path:no-such-results", "no such file or folder")]
    [InlineData("no-such-thing", "is neither a run id, a commit, a branch")]
    public void Unknown_references_exit_2_with_one_clear_line(string reference, string message)
    {
        var (code, output, error) = Compare("#1", reference);

        code.ShouldBe(2, output);
        error.ShouldStartWith("perfgate: ");
        error.ShouldContain(message);
        error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public void A_missing_history_is_a_usage_error_unless_both_sides_are_paths()
    {
        using var cli = new CliRunner();
        var folder = Path.GetDirectoryName(history.Source)!;

        var (code, _, error) = cli.Run("compare", "#1", folder);
        code.ShouldBe(2);
        error.ShouldContain("no history file");

        var (pathsCode, output, pathsError) = cli.Run("compare", folder, folder);
        pathsCode.ShouldBe(0, pathsError);
        output.ShouldContain("24 benchmarks: 0 slower, 0 faster, 24 unchanged; the gate would pass B against A");
    }

    [Fact]
    public void On_a_terminal_the_table_is_drawn()
    {
        using var cli = new CliRunner { IsTerminal = true };
        var folder = Path.GetDirectoryName(history.Source)!;

        var (code, output, error) = cli.Run("compare", folder, folder);

        code.ShouldBe(0, error);
        output.ShouldContain("╭");
        output.ShouldContain("│");
        output.ShouldContain("\u001b["); // styled headers
        output.ShouldNotContain("----------");
        output.ShouldContain("24 benchmarks: 0 slower, 0 faster, 24 unchanged");
    }

    [Fact]
    public void Help_describes_the_reference_forms()
    {
        var (code, output, _) = history.Cli.Run("compare", "--help");

        code.ShouldBe(0);
        output.ShouldContain("commit:abc1");
        output.ShouldContain("--fail-on-regression");
        output.ShouldContain("--format");
    }
}
