using System.Text.RegularExpressions;
using PerfGate.Core.Tests.GitHub;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// Escaping (issue 6, part 4): benchmark names with <c>|</c>, backticks, line breaks, <c>&lt;script&gt;</c> and
/// <c>&lt;img onerror&gt;</c> through the CLI into the PR comment, the full markdown report and the job summary: tables keep
/// their column count and no raw HTML tag from a name survives. The terminal output (which GitHub Actions scans for
/// <c>::command::</c> lines) gets no line a name could turn into a workflow command.
/// The dashboard's browser XSS test is in tests/PerfGate.Core.Tests/Dashboard.
/// </summary>
[Trait("Category", "Hardening")]
public sealed partial class MarkdownEscapingTests
{
    private static readonly string[] HostileNames =
    [
        "Pipe|In|Name",
        "Back`tick``s",
        "New\nLine",
        "Carriage\r\nReturn",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Mixed|`<b>bold</b>`\n::error::injected",
        "Trailing\\",
    ];

    // The only HTML PerfGate itself writes into markdown.
    private static readonly HashSet<string> OwnTags = new(StringComparer.Ordinal) { "details", "/details", "summary", "/summary", "sub", "/sub" };

    [Fact]
    public async Task Hostile_names_keep_tables_whole_and_no_html_survives_in_the_comment_the_report_and_the_summary()
    {
        await using var server = await FakeGitHubServer.StartAsync();
        using var cli = new CliRunner();
        var baseline = ResultsFiles.WithNames(cli.Path("base", "Hostile-report-full.json"), HostileNames);
        var history = cli.Path("history.db");
        for (var i = 0; i < 3; i++)
        {
            // History on main, so the comment also carries the trend charts (mermaid) with the names.
            cli.Run("check", "--results", baseline, "--history", history, "--record", "--branch", "main", "--commit", "c" + i).Code.ShouldBe(0);
        }

        var slowed = cli.SlowedCopy(baseline, 3.0, "slowed", allocationFactor: 2.0);
        var summary = cli.Path("summary.md");
        foreach (var (key, value) in GitHubCli.Variables(server.ApiUrl.AbsoluteUri, summary, actions: true, boundSeconds: 20))
        {
            cli.Variables[key] = value;
        }

        var (code, output, error) = await Task.Run(() => cli.Run(
            "check", "--results", slowed, "--baseline", baseline, "--history", history, "--markdown", "report.md", "--json", "verdict.json",
            "--github-comment", "--pr", "12"));

        code.ShouldBe(1, output + error);
        var documents = new Dictionary<string, string>
        {
            ["comment"] = server.Comments.ShouldHaveSingleItem().Body,
            ["report"] = File.ReadAllText(cli.Path("report.md")),
            ["summary"] = File.ReadAllText(summary),
        };

        foreach (var (name, markdown) in documents)
        {
            if (Environment.GetEnvironmentVariable("PERFGATE_DUMP") is { } dump)
            {
                File.WriteAllText(Path.Combine(dump, name + ".md"), markdown);
            }

            MarkdownTables.ShouldKeepTheirColumns(markdown, name);
            AssertNoForeignHtml(name, markdown);
            markdown.ShouldContain("mermaid");
            // Every hostile benchmark is a row of its own (the names are all regressions, so none is folded away).
            markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("ParserBenchmarks.", StringComparison.Ordinal))
                .ShouldBeGreaterThanOrEqualTo(HostileNames.Length, name);
        }

        // Workflow commands: only PerfGate's own mask and annotations start with "::", one command per line.
        foreach (var line in output.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)))
        {
            line.ShouldMatch(@"^::(add-mask|error|warning)( title=[^:]*)?::", "a name produced a workflow command line");
        }

        output.ShouldNotContain("\n::error::injected");
        output.Split('\n').Count(l => l.StartsWith("::error ", StringComparison.Ordinal)).ShouldBe(HostileNames.Length);
    }

    /// <summary>
    /// Raw HTML outside code: code spans and fenced blocks render as text (CommonMark §6.1, §4.5), so they are taken out
    /// first; mermaid blocks are checked on their own, since mermaid reads labels as HTML.
    /// </summary>
    private static void AssertNoForeignHtml(string document, string markdown)
    {
        var prose = new System.Text.StringBuilder();
        var fence = (string?)null;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fence = fence is null ? line[3..].Trim() : null;
                continue;
            }

            if (fence is null)
            {
                prose.Append(WithoutCodeSpans(line)).Append('\n');
            }
            else if (fence == "mermaid")
            {
                line.ShouldNotContain("<", customMessage: $"{document}: an angle bracket in a mermaid chart: {line}");
            }
        }

        foreach (Match tag in Tag().Matches(prose.ToString()))
        {
            OwnTags.ShouldContain(tag.Groups[1].Value.ToLowerInvariant(), $"{document}: raw HTML '{tag.Value}' survived");
        }

        prose.ToString().ShouldNotContain("<script", Case.Insensitive);
        prose.ToString().ShouldNotContain("<img", Case.Insensitive);
    }

    /// <summary>Removes code spans: a run of n backticks up to the next run of exactly n backticks.</summary>
    private static string WithoutCodeSpans(string line)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] != '`' || (i > 0 && line[i - 1] == '\\'))
            {
                result.Append(line[i++]);
                continue;
            }

            var n = 0;
            while (i + n < line.Length && line[i + n] == '`')
            {
                n++;
            }

            var close = -1;
            for (var j = i + n; j < line.Length; j++)
            {
                if (line[j] != '`')
                {
                    continue;
                }

                var m = 0;
                while (j + m < line.Length && line[j + m] == '`')
                {
                    m++;
                }

                if (m == n)
                {
                    close = j;
                    break;
                }

                j += m - 1;
            }

            if (close < 0)
            {
                result.Append(line, i, n);
                i += n;
            }
            else
            {
                result.Append("CODE");
                i = close + n;
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"<(/?[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex Tag();
}
