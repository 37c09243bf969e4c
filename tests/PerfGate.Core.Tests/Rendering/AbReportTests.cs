using System.Text.Json;
using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

/// <summary>How the terminal, markdown and JSON reports show a same-runner A/B verdict.</summary>
public sealed class AbReportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Ab_verdict_matches_the_golden_files(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("ab-verdict.txt", TerminalReport.Render(AbVerdicts.Failing()));
        Snapshot.Match("ab-verdict.md", MarkdownReport.Render(AbVerdicts.Failing()));
        Snapshot.Match("ab-verdict.json", JsonVerdictWriter.ToJson(AbVerdicts.Failing()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Passing_ab_verdict_with_undecided_slowdowns_matches_the_golden_files(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("ab-passing-verdict.txt", TerminalReport.Render(AbVerdicts.PassingWithUndecided()));
        Snapshot.Match("ab-passing-verdict.md", MarkdownReport.Render(AbVerdicts.PassingWithUndecided()));
    }

    [Fact]
    public void Status_shows_the_outcome_and_rounds_and_keeps_the_failing_markers()
    {
        var verdict = AbVerdicts.Failing();
        var text = TerminalReport.Render(verdict, width: 140);
        Row(text, "Parsing.Tokenize").ShouldEndWith("  FAILS, confirmed (5 rounds)");
        Row(text, "Cache.Lookup").ShouldEndWith("  FAILS (CRITICAL), confirmed (5 rounds)");
        Row(text, "Export.ToCsv").ShouldEndWith("  undecided (3 rounds)");
        Row(text, "Import.FromJson").ShouldEndWith("  cleared (5 rounds)");
        Row(text, "Export.ToXml").ShouldEndWith("  new");

        var report = MarkdownReport.Render(verdict);
        report.ShouldContain("| ❌ fails, confirmed (5 rounds) |");
        report.ShouldContain("| ❌ fails (critical), confirmed (5 rounds) |");
        report.ShouldContain("| ❔ undecided (3 rounds) |");
        report.ShouldContain("| ⚠️ cleared (5 rounds) |");
        report.ShouldContain("| 🟢 cleared (3 rounds) |");
    }

    [Fact]
    public void One_round_is_singular() =>
        BenchmarkStatus.Of(new BenchmarkVerdict
        {
            Id = "A", DisplayName = "A", Kind = ChangeKind.Unchanged, Rounds = 1, Outcome = AbOutcome.Undecided,
        }).Word.ShouldBe("undecided (1 round)");

    [Fact]
    public void An_undecided_benchmark_is_never_folded_away_as_unchanged()
    {
        var undecided = AbVerdicts.Failing().Benchmarks.Single(b => b.DisplayName == "Mapping.Map");
        undecided.Kind.ShouldBe(ChangeKind.Unchanged);
        BenchmarkStatus.IsQuiet(undecided).ShouldBeFalse();
        BenchmarkStatus.IsQuiet(undecided with { Outcome = AbOutcome.Cleared }).ShouldBeTrue();
    }

    [Fact]
    public void Reference_column_is_the_base_measured_on_this_runner()
    {
        var text = TerminalReport.Render(AbVerdicts.Failing(), width: 140);
        var heading = text.Split('\n').Single(l => l.StartsWith("Benchmark ", StringComparison.Ordinal));
        heading.ShouldContain("Base (A/B)");
        heading.ShouldNotContain("Baseline");

        var report = MarkdownReport.Render(AbVerdicts.Failing());
        report.ShouldContain("| Benchmark | Base (A/B) | Current | Change | 95% CI | Status |");
        report.ShouldNotContain("| Baseline |");

        MarkdownReport.Render(SampleVerdicts.Fixed()).ShouldContain("| Benchmark | Baseline | Current | Change | 95% CI | Status |");
    }

    [Fact]
    public void Launches_are_shown_once_with_ranges_when_benchmarks_differ()
    {
        const string Line = "Launches per benchmark: head 3–5, base 3–5 (3–5 rounds)";
        Occurrences(TerminalReport.Render(AbVerdicts.Failing()), "Launches per benchmark").ShouldBe(1);
        TerminalReport.Render(AbVerdicts.Failing()).ShouldContain("\n" + Line + "\n");
        Occurrences(MarkdownReport.Render(AbVerdicts.Failing()), "Launches per benchmark").ShouldBe(1);
        MarkdownReport.Render(AbVerdicts.Failing()).ShouldContain("\n" + Line + "\n");

        TerminalReport.Render(AbVerdicts.PassingWithUndecided()).ShouldContain("\nLaunches per benchmark: head 3, base 3 (3 rounds)\n");
    }

    [Fact]
    public void Single_run_launches_name_this_run_and_the_baseline()
    {
        var verdict = SampleVerdicts.Passing() with
        {
            Benchmarks = [.. SampleVerdicts.Passing().Benchmarks.Select(b => b with { CurrentLaunches = 3, BaselineLaunches = 1 })],
        };
        TerminalReport.Render(verdict).ShouldContain("\nLaunches per benchmark: this run 3, baseline 1\n");
        MarkdownReport.Render(verdict).ShouldContain("\nLaunches per benchmark: this run 3, baseline 1\n");

        var mixed = verdict with { Benchmarks = [verdict.Benchmarks[0], verdict.Benchmarks[1] with { CurrentLaunches = 1 }] };
        TerminalReport.Render(mixed).ShouldContain("\nLaunches per benchmark: this run 1–3, baseline 1\n");

        // A verdict that recorded no launches (older input) says nothing about them.
        TerminalReport.Render(SampleVerdicts.Fixed()).ShouldNotContain("Launches");
    }

    [Fact]
    public void Undecided_details_show_the_outcome_text_and_the_filter()
    {
        var report = MarkdownReport.Render(AbVerdicts.Failing());
        report.ShouldContain("**Undecided**");
        report.ShouldContain("- ❔ `Export.ToCsv` +67.3% (95% CI +9.0% … +157%): undecided after 3 rounds: detects ≥ 34%; rerun with `--filter 'PerfGate.Sample.Export.ToCsv'`");
        report.ShouldContain("- ❔ `Mapping.Map` +5.2% (95% CI -3.1% … +14%): undecided after 3 rounds: detects ≥ 22%");
        report.ShouldNotContain("cleared after 5 rounds");
    }

    [Fact]
    public void Undecided_slowdowns_above_the_fail_threshold_make_a_pass_with_warnings()
    {
        var verdict = AbVerdicts.PassingWithUndecided();
        TerminalReport.Render(verdict).Split('\n')[0].ShouldBe(
            "PerfGate: PASS with warnings - 2 undecided possible slowdowns above 20% (Export.ToCsv +24%, Mapping.Map +22%): run more rounds");
        MarkdownReport.VerdictLine(verdict).ShouldBe(
            "⚠️ **PerfGate: passes with warnings — 2 undecided possible slowdowns above 20%** (`Export.ToCsv` +24%, `Mapping.Map` +22%): run more rounds");
    }

    [Fact]
    public void More_than_three_undecided_slowdowns_are_cut_with_an_ellipsis()
    {
        var one = AbVerdicts.PassingWithUndecided().Benchmarks[0];
        var verdict = AbVerdicts.PassingWithUndecided() with
        {
            Benchmarks = [.. Enumerable.Range(0, 5).Select(i => one with { Id = "B" + i, DisplayName = "B" + i, ChangePercent = 30 + i })],
        };
        MarkdownReport.VerdictLine(verdict).ShouldBe(
            "⚠️ **PerfGate: passes with warnings — 5 undecided possible slowdowns above 20%** (`B4` +34%, `B3` +33%, `B2` +32%, …): run more rounds");
    }

    [Fact]
    public void Undecided_changes_at_or_below_the_fail_threshold_keep_a_plain_pass()
    {
        var verdict = AbVerdicts.PassingWithUndecided() with
        {
            Benchmarks = [.. AbVerdicts.PassingWithUndecided().Benchmarks.Select(b => b with { ChangePercent = Math.Min(b.ChangePercent ?? 0, 20) })],
        };
        TerminalReport.Render(verdict).ShouldStartWith("PerfGate: PASS - no regression above 20%");
        MarkdownReport.VerdictLine(verdict).ShouldStartWith("✅ **PerfGate: no regression above 20%**");
    }

    [Fact]
    public void Failing_headline_shows_the_interval_not_a_plus_minus()
    {
        var verdict = AbVerdicts.Failing() with
        {
            Benchmarks = [.. AbVerdicts.Failing().Benchmarks.Select(b => b.DisplayName == "Export.ToCsv" ? b with { Fails = true, Severity = Severity.Critical } : b with { Fails = false })],
        };
        MarkdownReport.VerdictLine(verdict).ShouldBe("❌ **PerfGate: 1 regression fails this build** (`Export.ToCsv` +67.3%, 95% CI +9.0% … +157%)");
        TerminalReport.Render(verdict).ShouldNotContain("±");
    }

    [Fact]
    public void Why_lines_carry_the_p_value_once()
    {
        var why = MarkdownReport.Render(AbVerdicts.Failing()).Split('\n').Where(l => l.StartsWith("- ❌", StringComparison.Ordinal) || l.StartsWith("- ⚠️", StringComparison.Ordinal)).ToList();
        why.ShouldContain("- ❌ `Parsing.Tokenize` (ab): 31.4% slower than the base measured on this runner (95% CI +24.0% to +39.2%), above the 20% fail threshold. (p = 0.0212)");
        why.ShouldContain("- ❌ `Cache.Lookup` (ab): 68.9% slower than the base measured on this runner, above the 50% critical threshold. (p < 0.0001)");
        why.ShouldAllBe(l => Occurrences(l, "p = ") + Occurrences(l, "p < ") <= 1);
        why.ShouldAllBe(l => !l.Contains("p = <", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("failing")]
    [InlineData("passing")]
    public void Ab_json_validates_against_the_documented_schema(string name)
    {
        var verdict = name == "failing" ? AbVerdicts.Failing() : AbVerdicts.PassingWithUndecided();
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "verdict.schema.json")));
        using var output = JsonDocument.Parse(JsonVerdictWriter.ToJson(verdict));
        MiniJsonSchema.Validate(schema.RootElement, output.RootElement).ShouldBeEmpty();
    }

    [Fact]
    public void Ab_json_carries_launches_rounds_outcome_and_suspect()
    {
        using var doc = JsonDocument.Parse(JsonVerdictWriter.ToJson(AbVerdicts.Failing()));
        var benchmarks = doc.RootElement.GetProperty("benchmarks").EnumerateArray().ToDictionary(b => b.GetProperty("displayName").GetString()!);

        var confirmed = benchmarks["Parsing.Tokenize"];
        confirmed.GetProperty("launches").GetProperty("current").GetInt32().ShouldBe(5);
        confirmed.GetProperty("launches").GetProperty("baseline").GetInt32().ShouldBe(5);
        confirmed.GetProperty("rounds").GetInt32().ShouldBe(5);
        confirmed.GetProperty("outcome").GetString().ShouldBe("confirmed");
        confirmed.GetProperty("outcomeText").GetString().ShouldBe("confirmed over 5 rounds");
        confirmed.GetProperty("suspect").GetBoolean().ShouldBeTrue();
        confirmed.GetProperty("reasons")[0].GetProperty("tier").GetString().ShouldBe("ab");

        var undecided = benchmarks["Export.ToCsv"];
        undecided.GetProperty("outcome").GetString().ShouldBe("undecided");
        undecided.GetProperty("outcomeText").GetString().ShouldBe("undecided after 3 rounds: detects ≥ 34%");

        benchmarks["Import.FromJson"].GetProperty("outcome").GetString().ShouldBe("cleared");
        benchmarks["Import.FromJson"].GetProperty("suspect").GetBoolean().ShouldBeFalse();

        var fresh = benchmarks["Export.ToXml"];
        fresh.GetProperty("rounds").ValueKind.ShouldBe(JsonValueKind.Null);
        fresh.GetProperty("outcome").ValueKind.ShouldBe(JsonValueKind.Null);
        fresh.GetProperty("outcomeText").ValueKind.ShouldBe(JsonValueKind.Null);
        fresh.GetProperty("launches").GetProperty("current").GetInt32().ShouldBe(3);
        fresh.GetProperty("launches").GetProperty("baseline").GetInt32().ShouldBe(0);
    }

    [Fact]
    public void Single_run_json_has_no_ab_outcome()
    {
        using var doc = JsonDocument.Parse(JsonVerdictWriter.ToJson(SampleVerdicts.Passing()));
        foreach (var b in doc.RootElement.GetProperty("benchmarks").EnumerateArray())
        {
            b.GetProperty("rounds").ValueKind.ShouldBe(JsonValueKind.Null);
            b.GetProperty("outcome").ValueKind.ShouldBe(JsonValueKind.Null);
            b.GetProperty("suspect").GetBoolean().ShouldBeFalse();
        }
    }

    private static string Row(string text, string name) =>
        text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
