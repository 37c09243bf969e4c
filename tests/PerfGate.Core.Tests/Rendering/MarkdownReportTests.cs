using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

public sealed class MarkdownReportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Fixed_verdict_matches_the_golden_file(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("fixed-verdict.md", MarkdownReport.Render(SampleVerdicts.Fixed()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Passing_verdict_matches_the_golden_file(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("passing-verdict.md", MarkdownReport.Render(SampleVerdicts.Passing()));
    }

    [Fact]
    public void First_line_is_the_marker_and_second_the_verdict()
    {
        var lines = MarkdownReport.Render(SampleVerdicts.Fixed()).Split('\n');
        lines[0].ShouldBe("<!-- perfgate:report -->");
        lines[1].ShouldStartWith("❌ **PerfGate: 1 regression and 1 benchmark fail this build**");
        lines[1].ShouldContain("`Validation.ValidateDefinition(Rules: 45)` +34.2%, 95% CI +28% … +40%; and 1 more");
        lines[1].ShouldNotContain("±");
    }

    [Fact]
    public void Marker_is_configurable_per_workflow()
    {
        var marker = MarkdownOptions.MarkerFor("linux-x64");
        marker.ShouldBe("<!-- perfgate:report:linux-x64 -->");
        MarkdownReport.Render(SampleVerdicts.Passing(), new MarkdownOptions { Marker = marker }).ShouldStartWith(marker + "\n");
        Should.Throw<ArgumentException>(() => MarkdownOptions.MarkerFor("a -->"));
    }

    [Fact]
    public void Rendering_is_deterministic() =>
        MarkdownReport.Render(SampleVerdicts.Fixed()).ShouldBe(MarkdownReport.Render(SampleVerdicts.Fixed()));

    [Fact]
    public void Unchanged_rows_are_folded_and_failing_rows_come_first()
    {
        var report = MarkdownReport.Render(SampleVerdicts.Fixed());
        var fails = report.IndexOf("Validation.ValidateDefinition", StringComparison.Ordinal);
        var faster = report.IndexOf("🟢 faster", StringComparison.Ordinal);
        var folded = report.IndexOf("<details><summary>40 unchanged benchmarks</summary>", StringComparison.Ordinal);
        var unchangedRow = report.IndexOf("Rules.Evaluate(Case: 01)", StringComparison.Ordinal);
        fails.ShouldBeGreaterThan(0);
        faster.ShouldBeGreaterThan(fails);
        folded.ShouldBeGreaterThan(faster);
        unchangedRow.ShouldBeGreaterThan(folded);
    }

    [Fact]
    public void Five_thousand_benchmarks_stay_under_githubs_limit_with_an_omission_line()
    {
        var verdict = SampleVerdicts.Large(5_000);
        var report = MarkdownReport.Render(verdict);
        report.Length.ShouldBeLessThanOrEqualTo(MarkdownOptions.GitHubCommentLimit);
        report.ShouldStartWith("<!-- perfgate:report -->\n❌ **PerfGate: 50 regressions fail this build**");
        report.ShouldContain("rows omitted");
        report.ShouldContain("the full report is in the job summary");

        // Every failing regression is still listed.
        foreach (var failing in verdict.Benchmarks.Where(b => b.Fails))
        {
            report.ShouldContain(MarkdownText.Escape(failing.DisplayName));
        }
    }

    [Fact]
    public void Full_options_keep_every_row()
    {
        var report = MarkdownReport.Render(SampleVerdicts.Large(5_000), MarkdownOptions.Full);
        report.ShouldNotContain("rows omitted");
        report.ShouldContain("Benchmark\\_4999");
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(4_000)]
    [InlineData(600)]
    [InlineData(120)]
    public void Any_limit_is_respected_and_keeps_marker_and_verdict(int limit)
    {
        var report = MarkdownReport.Render(SampleVerdicts.Large(5_000), new MarkdownOptions { MaxLength = limit });
        report.Length.ShouldBeLessThanOrEqualTo(limit);
        report.ShouldStartWith("<!-- perfgate:report -->\n❌ **PerfGate:");
    }

    [Fact]
    public void Unchanged_rows_are_dropped_before_improvements()
    {
        var full = MarkdownReport.Render(SampleVerdicts.Fixed());
        var report = MarkdownReport.Render(SampleVerdicts.Fixed(), new MarkdownOptions { MaxLength = full.Length - 1 });
        report.ShouldContain("40 of 46 rows omitted (40 unchanged)");
        report.ShouldContain("🟢 faster");
        report.ShouldNotContain("<details><summary>40 unchanged");
    }

    [Fact]
    public void Benchmark_names_are_escaped_in_table_cells()
    {
        var report = MarkdownReport.Render(SampleVerdicts.Fixed());
        report.ShouldContain(@"| Parsing.Parse(text: ""a\|b"") &lt;List&lt;int&gt;&gt; \*fast\_path\* |");
    }

    [Fact]
    public void Interval_column_replaces_the_plus_minus_column()
    {
        var report = MarkdownReport.Render(SampleVerdicts.Fixed());
        report.ShouldNotContain("±");
        report.ShouldContain("| Validation.ValidateDefinition(Rules: 45) | 41.3 μs | 55.4 μs | +34.2% | +28% … +40% | ❌ fails |");
        report.ShouldContain("| Cache.Warm | 95.2 ns | 102 ns | +6.8% | -18% … +32% |");
        report.ShouldContain("| Export.ToCsv | – | 812 ns | – | — | 🆕 new |");
    }

    [Fact]
    public void P_value_is_appended_once_and_small_ones_are_bounded()
    {
        Finding Why(double p) => new()
        {
            Tier = Tier.Baseline, Severity = Severity.Error, Metric = "time", Fails = true,
            Message = "34.2% slower than the baseline, above the 20% fail threshold.", PValue = p,
        };
        var fixedVerdict = SampleVerdicts.Fixed();
        Verdict With(double p) => fixedVerdict with
        {
            Benchmarks = [.. fixedVerdict.Benchmarks.Select(b => b.Fails && b.Kind == ChangeKind.Regression ? b with { Findings = [Why(p)] } : b)],
        };

        var line = WhyLine(MarkdownReport.Render(With(0.0212)));
        line.ShouldEndWith("above the 20% fail threshold. (p = 0.0212)");
        line.IndexOf("p = ", StringComparison.Ordinal).ShouldBe(line.LastIndexOf("p = ", StringComparison.Ordinal));

        var tiny = WhyLine(MarkdownReport.Render(With(0.00003)));
        tiny.ShouldEndWith("above the 20% fail threshold. (p < 0.0001)");
        tiny.ShouldNotContain("p = ");

        static string WhyLine(string report) =>
            report.Split('\n').Single(l => l.StartsWith("- ❌ `Validation.ValidateDefinition(Rules: 45)`", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_noisy_benchmark_shows_its_minimum_detectable_change() =>
        MarkdownReport.Render(SampleVerdicts.Fixed()).ShouldContain("🔇 too noisy (detects ≥ 35%)");

    [Fact]
    public void Fingerprint_mismatch_adds_a_warning_block() =>
        MarkdownReport.Render(SampleVerdicts.Fixed()).ShouldContain("> ⚠️ **Different machine or runtime.**");

    [Fact]
    public void Passing_verdict_line_names_the_fail_threshold() =>
        MarkdownReport.VerdictLine(SampleVerdicts.Passing()).ShouldBe("✅ **PerfGate: no regression above 20%** (1 warning)");

    [Fact]
    public void Not_passing_without_a_failing_item_still_says_it_fails() =>
        MarkdownReport.VerdictLine(new Verdict { Passed = false, Thresholds = SampleVerdicts.Thresholds })
            .ShouldBe("❌ **PerfGate: this build fails**");
}
