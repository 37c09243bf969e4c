using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>Writes the verdict to the terminal and to the report files that were asked for.</summary>
internal static class Reports
{
    public static void Write(Verdict verdict, CheckRequest request, CliEnvironment env)
    {
        // The JSON verdict (1.4 MB for 1,000 benchmarks) is rendered in memory on another thread while the terminal
        // table is; the files are still written in this order, so a failure leaves the same files as before.
        var json = request.Json is null ? null : Task.Run(() => JsonVerdictWriter.Render(verdict));
        env.Out.Write(TerminalReport.Render(verdict, TerminalWidth()));

        if (request.Markdown is { } markdownPath)
        {
            WriteFile(env.Resolve(markdownPath), MarkdownReport.Render(verdict, MarkdownOptions.Full with { Marker = request.Marker }));
        }

        if (request.CommentMarkdown is { } commentPath)
        {
            // What --github-comment posts (same options, same run link), for perf-gate-comment.yml to post on a fork's PR.
            var runUrl = PerfGate.Core.GitHub.GitHubContext.FromEnvironment(env.Variables, request.PullRequest, request.TokenEnv).RunUrl;
            WriteFile(env.Resolve(commentPath), MarkdownReport.Render(verdict, MarkdownOptions.PullRequestComment with { RunUrl = runUrl }));
        }

        if (request.Json is { } jsonPath)
        {
            var path = env.Resolve(jsonPath);
            EnsureFolder(path);
            File.WriteAllBytes(path, json!.GetAwaiter().GetResult());
        }
    }

    /// <summary>The console's width on a terminal; wide enough for full benchmark names when the output is a file or pipe.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? 200 : Math.Max(100, Console.WindowWidth);
        }
        catch (IOException)
        {
            return 200;
        }
    }

    private static void WriteFile(string path, string text)
    {
        EnsureFolder(path);
        File.WriteAllText(path, text);
    }

    private static void EnsureFolder(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }
    }
}
