using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// <c>check --comment-markdown FILE</c>: the report as the sticky PR comment would be, which perf-gate-comment.yml
/// posts for fork PRs (the full <c>--markdown</c> report can be 1 MB; GitHub refuses comments over 65,536 characters).
/// </summary>
public sealed class CommentMarkdownTests
{
    [Fact]
    public void A_suite_too_large_for_a_comment_gets_a_full_report_and_a_comment_sized_one()
    {
        using var cli = new CliRunner();
        var results = ManyBenchmarks(cli, CliRunner.Run2, copies: 100, "large");      // 3,600 benchmarks
        var baseline = ManyBenchmarks(cli, CliRunner.Run1, copies: 100, "large-baseline");

        var (code, output, error) = cli.Run("check", "--results", results, "--baseline", baseline, "--markdown", "full.md", "--comment-markdown", "comment.md");

        code.ShouldBeOneOf([0, 1], error);
        var full = File.ReadAllText(cli.Path("full.md"));
        var comment = File.ReadAllText(cli.Path("comment.md"));
        full.Length.ShouldBeGreaterThan(65_536, "the fixture must be too large for a comment, or this test proves nothing");
        comment.Length.ShouldBeLessThanOrEqualTo(65_536);
        comment.ShouldStartWith("<!-- perfgate:report -->");
        comment.ShouldContain("the full report is in the job summary");
        output.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_small_suite_gets_the_whole_report_in_the_comment_file()
    {
        using var cli = new CliRunner();
        cli.Variables["GITHUB_SERVER_URL"] = "https://github.example";
        cli.Variables["GITHUB_REPOSITORY"] = "octo/app";
        cli.Variables["GITHUB_RUN_ID"] = "4242";

        var (code, _, error) = cli.Run("check", "--results", CliRunner.Run2, "--baseline", CliRunner.Run1, "--comment-markdown", "out/comment.md");

        code.ShouldBe(0, error);
        var comment = File.ReadAllText(cli.Path("out", "comment.md"));
        comment.ShouldStartWith("<!-- perfgate:report -->");
        comment.ShouldContain("ParserBenchmarks");
        comment.ShouldNotContain("omitted");
        comment.ShouldContain("https://github.example/octo/app/actions/runs/4242", customMessage: "the same run link as --github-comment posts");
    }

    /// <summary>A copy of a real BenchmarkDotNet report with every benchmark repeated under <paramref name="copies"/> method names.</summary>
    private static string ManyBenchmarks(CliRunner cli, string source, int copies, string name)
    {
        var root = JsonNode.Parse(File.ReadAllText(source))!;
        var original = root["Benchmarks"]!.AsArray().Select(b => b!.ToJsonString()).ToList();
        var all = new JsonArray();
        for (var i = 0; i < copies; i++)
        {
            foreach (var text in original)
            {
                var benchmark = JsonNode.Parse(text)!;
                var method = benchmark["Method"]!.GetValue<string>();
                benchmark["Method"] = $"{method}{i:000}";
                benchmark["MethodTitle"] = $"{method}{i:000}";
                benchmark["FullName"] = benchmark["FullName"]!.GetValue<string>().Replace($".{method}(", $".{method}{i:000}(", StringComparison.Ordinal);
                benchmark["DisplayInfo"] = benchmark["DisplayInfo"]!.GetValue<string>().Replace($".{method}:", $".{method}{i:000}:", StringComparison.Ordinal);
                all.Add(benchmark);
            }
        }

        root["Benchmarks"] = all;
        var dir = cli.Path(name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Path.GetFileName(source)), root.ToJsonString());
        return dir;
    }
}
