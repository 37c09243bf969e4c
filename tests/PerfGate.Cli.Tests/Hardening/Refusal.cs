using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.Hardening;

/// <summary>
/// What "refused" means for every bad input: exit code 2, one line <c>perfgate: &lt;file&gt;: &lt;problem&gt;</c>, no stack
/// trace, no exception out of <see cref="PerfGateApp.Run"/>, and nothing written (history, baseline).
/// </summary>
internal static class Refusal
{
    /// <summary>Runs the CLI; an exception escaping <see cref="PerfGateApp.Run"/> fails the test with the command line.</summary>
    public static (int Code, string Out, string Error) Run(CliRunner cli, params string[] args)
    {
        try
        {
            return cli.Run(args);
        }
        catch (Exception e)
        {
            throw new ShouldAssertException($"an exception escaped PerfGateApp.Run for 'perfgate {string.Join(' ', args)}': {e}");
        }
    }

    public static void ShouldBeRefused(this (int Code, string Out, string Error) result, string file, string problem)
    {
        var (code, output, error) = result;
        code.ShouldBe(ExitCodes.BadInput, $"expected exit code 2.\nstdout:\n{output}\nstderr:\n{error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines.Count.ShouldBe(1, $"expected one error line, got:\n{error}");
        lines[0].ShouldStartWith("perfgate: ");
        lines[0].ShouldContain(file, Case.Sensitive, $"the error must name the file: {lines[0]}");
        lines[0].ShouldContain(problem, Case.Sensitive, $"the error must name the problem: {lines[0]}");
        error.ShouldNotContain("   at ");
        error.ShouldNotContain("Exception");
    }

    /// <summary>The history file is absent, or holds no run.</summary>
    public static void ShouldHoldNoRun(string historyPath)
    {
        if (!File.Exists(historyPath))
        {
            return;
        }

        using var store = new SqliteHistoryStore(historyPath);
        store.GetLatestRun().ShouldBeNull($"{historyPath} must hold no run after refused input");
    }

    /// <summary>
    /// Feeds <paramref name="content"/> as results to <c>check</c> (plain, with a baseline, with <c>--record</c>) and to
    /// <c>baseline update</c> over an existing baseline, asserting each is refused and nothing is written.
    /// </summary>
    public static void ResultsAreRefused(byte[] content, string problem, string fileName = BadInputCorpus.ReportName)
    {
        using var cli = new CliRunner();
        var folder = cli.Path("in");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        File.WriteAllBytes(file, content);
        ResultsAreRefused(cli, file, fileName, problem);
    }

    public static void ResultsAreRefused(CliRunner cli, string resultsPath, string nameInError, string problem)
    {
        Run(cli, "baseline", "update", "--from", BadInputCorpus.Run1, "--dir", "baselines", "--commit", "c0ffee").Code.ShouldBe(0);
        var baseline = cli.Path("baselines", "baseline.json");
        var before = File.ReadAllBytes(baseline);

        Run(cli, "check", "--results", resultsPath).ShouldBeRefused(nameInError, problem);
        Run(cli, "check", "--results", resultsPath, "--baseline", "baselines", "--markdown", "report.md", "--json", "verdict.json").ShouldBeRefused(nameInError, problem);
        Run(cli, "check", "--results", resultsPath, "--record", "--history", "h.db", "--branch", "main", "--commit", "abc").ShouldBeRefused(nameInError, problem);
        ShouldHoldNoRun(cli.Path("h.db"));
        File.Exists(cli.Path("report.md")).ShouldBeFalse();
        File.Exists(cli.Path("verdict.json")).ShouldBeFalse();

        Run(cli, "baseline", "update", "--from", resultsPath, "--dir", "baselines", "--commit", "bad").ShouldBeRefused(nameInError, problem);
        File.ReadAllBytes(baseline).ShouldBe(before, "baseline update must leave the existing baseline byte-identical");
        Directory.GetFiles(cli.Path("baselines")).Length.ShouldBe(1, "no temporary file may be left behind");
    }
}
