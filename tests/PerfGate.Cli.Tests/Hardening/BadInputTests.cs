using System.Text.Json;
using static PerfGate.Cli.Tests.Hardening.BadInputCorpus;

namespace PerfGate.Cli.Tests.Hardening;

/// <summary>
/// `perfgate check` and `perfgate baseline update` fed the bad input real CI produces (issue 6, "Bad input"); the
/// catalogue with case counts is docs/hardening.md. Every refused case goes through <see cref="Refusal"/>.
/// </summary>
[Trait("Category", "Hardening")]
public sealed class BadInputTests
{
    public static TheoryData<int> Truncations => TruncationOffsets();

    public static TheoryData<string> WrongTypeNames => Names(WrongTypes);

    public static TheoryData<string> ImpossibleNumberNames => Names(ImpossibleNumbers);

    public static TheoryData<string> TolerableNonFiniteNames => [.. TolerableNonFinite.Keys];

    public static TheoryData<string> NonFiniteTokenNames => [.. NonFiniteTokens.Keys];

    public static TheoryData<string> InvalidUtf8Names => [.. InvalidUtf8.Keys];

    public static TheoryData<string> BadBaselineNames => [.. BadBaselines.Keys];

    [Theory]
    [MemberData(nameof(Truncations))]
    public void A_report_cut_off_at_any_offset_is_refused(int offset) =>
        Refusal.ResultsAreRefused(Truncated(offset), "truncated or malformed JSON at line ");

    [Theory]
    [MemberData(nameof(WrongTypeNames))]
    public void A_field_of_the_wrong_type_is_refused_naming_its_path(string name) =>
        Refusal.ResultsAreRefused(Mutated(WrongTypes[name]), WrongTypes[name].Problem);

    [Theory]
    [MemberData(nameof(ImpossibleNumberNames))]
    public void Negative_times_and_impossible_counts_are_refused(string name) =>
        Refusal.ResultsAreRefused(Mutated(ImpossibleNumbers[name]), ImpossibleNumbers[name].Problem);

    [Theory]
    [MemberData(nameof(NonFiniteTokenNames))]
    public void Bare_NaN_and_Infinity_tokens_are_not_JSON_and_are_refused(string name) =>
        Refusal.ResultsAreRefused(WithBareToken(NonFiniteTokens[name]), "malformed JSON at line ");

    [Theory]
    [MemberData(nameof(TolerableNonFiniteNames))]
    public void NaN_and_Infinity_as_strings_zero_and_extreme_times_are_judged_without_NaN_in_any_report(string name)
    {
        using var cli = new CliRunner();
        var root = Parse();
        TolerableNonFinite[name](root);
        File.WriteAllBytes(cli.Path(ReportName), Bytes(root));

        var (code, output, error) = Refusal.Run(cli, "check", "--results", ReportName, "--baseline", Run1, "--markdown", "report.md", "--json", "verdict.json");

        code.ShouldBeOneOf([ExitCodes.Pass, ExitCodes.Regression], error);
        error.ShouldBeEmpty();
        output.ShouldNotContain("NaN");
        output.ShouldNotContain("∞");
        File.ReadAllText(cli.Path("report.md")).ShouldNotContain("NaN");
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("benchmarks").GetArrayLength().ShouldBe(36);
    }

    private const int FailedInFixture = 12;

    [Fact]
    public void A_benchmark_that_failed_to_run_among_good_ones_is_a_reported_skip()
    {
        using var cli = new CliRunner();
        File.WriteAllBytes(cli.Path(ReportName), WithFailedBenchmarks(3));

        var (code, output, error) = Refusal.Run(cli, "check", "--results", ReportName, "--baseline", Run1, "--markdown", "report.md", "--json", "verdict.json",
            "--record", "--history", "h.db", "--branch", "main", "--commit", "abc");

        code.ShouldBe(ExitCodes.Pass, error);
        output.ShouldContain("failed to run");
        File.ReadAllText(cli.Path("report.md")).ShouldContain("failed to run");
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        var kinds = verdict.RootElement.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("kind").GetString()).ToList();
        kinds.Count.ShouldBe(36);
        kinds.Count(k => k == "failed-to-run").ShouldBe(FailedInFixture + 1);   // the fixture's 12 Throws benchmarks never produce a result
        var benchmark3 = verdict.RootElement.GetProperty("benchmarks").EnumerateArray()
            .Single(b => b.GetProperty("kind").GetString() == "failed-to-run" && b.GetProperty("id").GetString()!.Contains(".Join(", StringComparison.Ordinal));
        benchmark3.GetProperty("fails").GetBoolean().ShouldBeFalse();
        using var history = new PerfGate.Core.History.SqliteHistoryStore(cli.Path("h.db"));
        history.GetLatestRun().ShouldNotBeNull();   // a reported skip is a judged run: it is recorded
    }

    [Fact]
    public void Results_where_every_benchmark_failed_to_run_are_refused()
    {
        Refusal.ResultsAreRefused(AllFailed(), "no benchmark has measurements: all 36 failed to run");
    }

    [Fact]
    public void A_benchmark_written_twice_in_one_file_keeps_the_first_and_says_so()
    {
        using var cli = new CliRunner();
        File.WriteAllBytes(cli.Path(ReportName), DuplicateWithinFile());

        var (code, output, error) = Refusal.Run(cli, "check", "--results", ReportName, "--baseline", Run1, "--markdown", "report.md", "--json", "verdict.json");

        code.ShouldBe(ExitCodes.Pass, error);
        output.ShouldContain("duplicate benchmark");
        File.ReadAllText(cli.Path("report.md")).ShouldContain("duplicate benchmark");
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("benchmarks").GetArrayLength().ShouldBe(36);
        verdict.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();   // the three times slower copy was not judged
    }

    [Fact]
    public void The_same_benchmarks_in_two_files_are_pooled_as_launches_and_the_verdict_says_how_many()
    {
        using var cli = new CliRunner();
        var first = cli.SlowedCopy(Run2, 1.0, "a-run");
        var second = cli.SlowedCopy(Run2, 1.02, "b-run");

        // Two processes of the same benchmarks: more launches of one run (SPEC §3b), in whichever order they are given.
        var (code, _, error) = Refusal.Run(cli, "check", "--results", second, first, "--baseline", Run1, "--json", "pooled.json");
        var (alone, _, _) = Refusal.Run(cli, "check", "--results", first, "--baseline", Run1, "--json", "alone.json");

        code.ShouldBe(ExitCodes.Pass, error);
        alone.ShouldBe(ExitCodes.Pass);
        CurrentLaunches(cli, "pooled.json").ShouldBe(2 * CurrentLaunches(cli, "alone.json"));
    }

    [Fact]
    public void Pooled_files_that_disagree_on_allocations_are_named_in_the_verdict()
    {
        using var cli = new CliRunner();
        var first = cli.SlowedCopy(Run2, 1.0, "a-run");
        var second = cli.SlowedCopy(Run2, 1.01, "b-run", allocationFactor: 2.0);

        var (code, output, error) = Refusal.Run(cli, "check", "--results", second, first, "--baseline", Run1, "--markdown", "report.md");

        code.ShouldBeOneOf(ExitCodes.Pass, ExitCodes.Regression);
        error.ShouldNotContain("internal error");
        output.ShouldContain("allocates");
        output.ShouldContain("a-run");
        File.ReadAllText(cli.Path("report.md")).ShouldContain("different code?");
    }

    [Fact]
    public void An_exact_copy_of_a_report_is_not_a_second_process_and_is_counted_once()
    {
        using var cli = new CliRunner();
        var first = cli.SlowedCopy(Run2, 1.0, "a-run");
        var copy = cli.SlowedCopy(Run2, 1.0, "b-run");

        var (code, output, error) = Refusal.Run(cli, "check", "--results", copy, first, "--baseline", Run1, "--json", "copied.json");
        var (_, _, _) = Refusal.Run(cli, "check", "--results", first, "--baseline", Run1, "--json", "alone.json");

        code.ShouldBe(ExitCodes.Pass, error);
        output.ShouldContain("repeats the measurements of");
        CurrentLaunches(cli, "copied.json").ShouldBe(CurrentLaunches(cli, "alone.json"));
    }

    /// <summary>The first benchmark's launch count on the current side, from a JSON verdict the CLI wrote.</summary>
    private static int CurrentLaunches(CliRunner cli, string verdictFile)
    {
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path(verdictFile)));
        return verdict.RootElement.GetProperty("benchmarks")[0].GetProperty("launches").GetProperty("current").GetInt32();
    }

    [Fact]
    public void A_50_MB_report_loads_and_is_judged()
    {
        using var cli = new CliRunner();
        var file = cli.Path("Big.Benchmarks-report-full.json");
        WriteLarge(file, 50);
        new FileInfo(file).Length.ShouldBeGreaterThan(50L * 1024 * 1024);

        var (code, _, error) = Refusal.Run(cli, "check", "--results", file, "--json", "verdict.json");

        code.ShouldBe(ExitCodes.Pass, error);
        using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
        verdict.RootElement.GetProperty("benchmarks").GetArrayLength().ShouldBeGreaterThan(4000);
    }

    [Fact]
    public void A_report_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        using var cli = new CliRunner();
        var file = cli.Path("Huge.Benchmarks-report-full.json");
        using (var stream = File.Create(file))
        {
            stream.Write("{\"Benchmarks\":["u8);
            stream.SetLength(PerfGate.Core.Results.ResultsLoader.MaxFileBytes + 1); // sparse: no need to write 256 MB
        }

        Refusal.ResultsAreRefused(cli, file, "Huge.Benchmarks-report-full.json", "larger than the 256 MB limit");
    }

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    [InlineData(65, true)]
    public void Deeply_nested_JSON_is_refused_with_the_depth_limit(int depth, bool insideReport) =>
        Refusal.ResultsAreRefused(DeeplyNested(depth, insideReport), "JSON nested deeper than 64 levels");

    [Theory]
    [MemberData(nameof(InvalidUtf8Names))]
    public void Invalid_UTF8_is_refused(string name) =>
        Refusal.ResultsAreRefused(InvalidUtf8[name].Content(), InvalidUtf8[name].Problem);

    [Fact]
    public void Benchmark_names_with_markdown_and_html_are_valid_and_escaped_in_every_report()
    {
        using var cli = new CliRunner();
        File.WriteAllBytes(cli.Path(ReportName), WithHostileNames());
        Refusal.Run(cli, "baseline", "update", "--from", ReportName, "--dir", "baselines", "--commit", "c0ffee").Code.ShouldBe(0);

        // Judged against itself (names round-trip through the baseline) and against the original (new and removed rows).
        foreach (var baseline in new[] { "baselines", Run1 })
        {
            File.Delete(cli.Path("report.md"));
            var (code, output, error) = Refusal.Run(cli, "check", "--results", ReportName, "--baseline", baseline, "--markdown", "report.md", "--json", "verdict.json");

            code.ShouldBe(ExitCodes.Pass, error);
            output.ShouldContain("Pipe|In|Name");
            var markdown = File.ReadAllText(cli.Path("report.md"));
            markdown.ShouldNotContain("<script", Case.Insensitive);
            markdown.ShouldContain("&lt;script&gt;");
            MarkdownTables.ShouldKeepTheirColumns(markdown, "markdown report");

            using var verdict = JsonDocument.Parse(File.ReadAllText(cli.Path("verdict.json")));
            var ids = verdict.RootElement.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
            foreach (var name in HostileNames)
            {
                ids.ShouldContain(id => id.Contains("." + name + "(", StringComparison.Ordinal), $"the JSON verdict must keep '{name[..Math.Min(20, name.Length)]}' exactly");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_empty_results_folder_is_refused(bool withOtherJson)
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.Path("artifacts"));
        if (withOtherJson)
        {
            File.WriteAllText(cli.Path("artifacts", "package.json"), "{}");
        }

        Refusal.ResultsAreRefused(cli, cli.Path("artifacts"), "artifacts", withOtherJson ? "no BenchmarkDotNet results" : "the folder is empty");
    }

    [Fact]
    public void A_baseline_from_another_project_is_refused_as_sharing_no_benchmark()
    {
        using var cli = new CliRunner();
        Refusal.Run(cli, "baseline", "update", "--from", OtherProject, "--dir", "baselines", "--commit", "c0ffee").Code.ShouldBe(0);

        Refusal.Run(cli, "check", "--results", Run1, "--baseline", "baselines", "--record", "--history", "h.db", "--branch", "main", "--commit", "abc")
            .ShouldBeRefused("baseline.json", "shares no benchmark with the results");
        Refusal.ShouldHoldNoRun(cli.Path("h.db"));

        // BenchmarkDotNet results as the baseline, and --ignore-missing, change nothing.
        Refusal.Run(cli, "check", "--results", Run1, "--baseline", OtherProject, "--ignore-missing")
            .ShouldBeRefused("Modern.Codec-report-full-compressed.json", "shares no benchmark with the results");
    }

    [Theory]
    [MemberData(nameof(BadBaselineNames))]
    public void A_broken_baseline_file_is_refused_naming_it(string name)
    {
        var (content, problem) = BadBaselines[name];
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.Path("baselines"));
        File.WriteAllText(cli.Path("baselines", "baseline.json"), content);

        foreach (var baseline in new[] { "baselines", Path.Combine("baselines", "baseline.json") })
        {
            Refusal.Run(cli, "check", "--results", Run1, "--baseline", baseline, "--record", "--history", "h.db", "--branch", "main", "--commit", "abc")
                .ShouldBeRefused("baseline.json", problem);
            Refusal.ShouldHoldNoRun(cli.Path("h.db"));
        }

        Refusal.Run(cli, "baseline", "show", "--dir", "baselines").Code.ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_to_a_refusal()
    {
        using var cli = new CliRunner();
        File.WriteAllBytes(cli.Path(ReportName), Truncated(1000));

        var (code, _, error) = Refusal.Run(cli, "check", "--results", ReportName, "--verbose");

        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith("perfgate: ");
        error.ShouldContain("   at ");
    }
}
