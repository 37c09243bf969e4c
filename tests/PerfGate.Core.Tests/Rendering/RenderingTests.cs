using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

public sealed class RenderingTests
{
    private static readonly GateThresholds Thresholds = new(10, 20, 30, 0.05, 20);

    private static BenchmarkVerdict Row(string name, ChangeKind kind, double? change, bool fails = false, Severity severity = Severity.Ok) => new()
    {
        Id = "Sample.Benchmarks." + name,
        DisplayName = name,
        Kind = kind,
        Severity = severity,
        Fails = fails,
        Baseline = 1000,
        Current = change is { } c ? 1000 * (1 + (c / 100)) : null,
        ChangePercent = change,
        ChangeLowerPercent = change - 3,
        ChangeUpperPercent = change + 3,
        History = [1000, 1010, 990, 1005],
    };

    private static Verdict OneRegressionOneImprovementFortyUnchanged()
    {
        var rows = new List<BenchmarkVerdict>
        {
            Row("Parse", ChangeKind.Regression, 34.2, fails: true, severity: Severity.Critical),
            Row("Format", ChangeKind.Improvement, -25.0),
        };
        rows.AddRange(Enumerable.Range(0, 40).Select(i => Row($"Stable{i:00}", ChangeKind.Unchanged, 0.5)));
        return new Verdict
        {
            Passed = false,
            Benchmarks = [.. rows],
            Thresholds = Thresholds,
            Context = new RunContext { HeadCommit = "abcdef1234567", BaselineCommit = "1234567abcdef", HistoryRuns = 20 },
        };
    }

    [Fact]
    public void Markdown_puts_the_failing_regression_first_and_folds_the_unchanged()
    {
        var markdown = MarkdownReport.Render(OneRegressionOneImprovementFortyUnchanged(), new MarkdownOptions());

        markdown.ShouldStartWith(MarkdownOptions.DefaultMarker);
        var lines = markdown.Split('\n');
        lines[1].ShouldStartWith("### ❌ PerfGate:");
        markdown.IndexOf("| Parse |", StringComparison.Ordinal).ShouldBeLessThan(markdown.IndexOf("| Format |", StringComparison.Ordinal));
        markdown.IndexOf("| Format |", StringComparison.Ordinal).ShouldBeLessThan(markdown.IndexOf("<details><summary>40 unchanged", StringComparison.Ordinal));
        markdown.ShouldContain("+34.2%");
        markdown.ShouldContain("±3.0%");
        markdown.ShouldContain("`abcdef1`");
    }

    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Numbers_are_culture_invariant(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var markdown = MarkdownReport.Render(OneRegressionOneImprovementFortyUnchanged(), new MarkdownOptions());
            markdown.ShouldContain("+34.2%");
            markdown.ShouldNotContain("+34,2%");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("[link](x)", "\\[link\\](x)")]
    public void Names_are_escaped_for_markdown_tables(string name, string expected) => MarkdownText.Escape(name).ShouldBe(expected);

    [Fact]
    public void Five_thousand_benchmarks_stay_under_the_comment_limit_and_say_what_was_left_out()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => Row($"Benchmark{i:0000}WithAFairlyLongName(Size={i})", i % 10 == 0 ? ChangeKind.Regression : ChangeKind.Unchanged, i % 10 == 0 ? 15 : 0.1, severity: i % 10 == 0 ? Severity.Warning : Severity.Ok)).ToImmutableArray();
        var verdict = new Verdict { Passed = true, Benchmarks = rows, Thresholds = Thresholds };

        var markdown = MarkdownReport.Render(verdict, new MarkdownOptions());

        markdown.Length.ShouldBeLessThanOrEqualTo(MarkdownOptions.GitHubCommentLimit);
        markdown.ShouldStartWith(MarkdownOptions.DefaultMarker);
        markdown.ShouldContain("omitted");
        markdown.ShouldContain("PerfGate: passed");
    }

    [Fact]
    public void The_json_verdict_has_the_documented_shape()
    {
        using var stream = new MemoryStream();
        JsonVerdictWriter.Write(OneRegressionOneImprovementFortyUnchanged(), stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;

        root.GetProperty("schemaVersion").GetInt32().ShouldBe(1);
        root.GetProperty("passed").GetBoolean().ShouldBeFalse();
        var first = root.GetProperty("benchmarks")[0];
        first.GetProperty("id").GetString().ShouldBe("Sample.Benchmarks.Parse");
        first.GetProperty("severity").GetString().ShouldBe("critical");
        first.GetProperty("kind").GetString().ShouldBe("regression");
        first.GetProperty("fails").GetBoolean().ShouldBeTrue();
        first.GetProperty("changePercent").GetDouble().ShouldBe(34.2, 1e-9);
        first.GetProperty("baseline").GetDouble().ShouldBe(1000);
        first.GetProperty("unit").GetString().ShouldBe("ns");
        first.GetProperty("reasons").ValueKind.ShouldBe(JsonValueKind.Array);
        root.GetProperty("benchmarks").GetArrayLength().ShouldBe(42);
    }

    [Fact]
    public void The_terminal_table_ends_with_the_verdict_line()
    {
        var text = TerminalReport.Render(OneRegressionOneImprovementFortyUnchanged(), 120);

        text.TrimEnd().Split('\n')[^1].ShouldStartWith("PerfGate: 1 failing finding(s) fail this build");
        text.ShouldContain("fails (critical)");
    }
}
