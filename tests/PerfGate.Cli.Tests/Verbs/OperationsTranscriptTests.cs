using System.Globalization;
using System.Text;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// What a maintainer sees after a month of recorded runs with a regression in the last three: <c>status</c>,
/// <c>report --days 7</c> and <c>alerts</c> on the <see cref="RecordedHistory"/>, written with the history itself to
/// <c>artifacts/operations/</c> so people can read the output and run the verbs on the same file.
/// </summary>
public sealed class OperationsTranscriptTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    private static readonly string[][] Commands =
    [
        ["status"],
        ["report", "--days", "7"],
        ["alerts"],
    ];

    [Fact]
    public void Status_report_and_alerts_of_a_month_with_a_regression_are_written_for_people_to_read()
    {
        var folder = RepoPaths.Artifacts("operations");
        history.CopyHistoryTo(Path.Combine(folder, "history.db"));

        // What a repository has beside its history: budgets in perfgate.json and a committed baseline (the first day's run).
        File.WriteAllText(history.Cli.Path("perfgate.json"), """
            {
              "targets": [
                { "benchmark": "*Join(Count=100, Separator=a b) [InvocationCount=16, IterationCount=4*", "name": "JOIN-100 join budget", "target": "2.5us", "warning": "2.75us", "error": "3.5us" },
                { "benchmark": "*Sum(Count=100, Separator=a b)*", "name": "SUM-100 sum budget", "target": "1us", "warning": "1.1us", "error": "1.2us" }
              ]
            }
            """);
        var (baselineCode, _, baselineError) = history.Cli.Run("baseline", "update", "--from", history.Cli.Path("run000"), "--dir", history.Cli.Path("baselines"));
        baselineCode.ShouldBe(0, baselineError);

        var transcript = new StringBuilder();
        var outputs = new List<string>();
        foreach (var command in Commands)
        {
            var (code, output, error) = history.Cli.Run([.. command, "--history", history.HistoryPath]);
            code.ShouldBe(0, error);
            outputs.Add(output);
            transcript.Append(CultureInfo.InvariantCulture, $"$ perfgate {string.Join(' ', command)} --history artifacts/operations/history.db   # clock: {history.Cli.Clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC\n");
            transcript.Append(output).Append('\n');
        }

        var path = Path.Combine(folder, "transcript.txt");
        File.WriteAllText(path, transcript.ToString());

        // The regressed benchmark leads the status, the report counts a week of daily runs, and every alert is the regression's.
        var regressed = RecordedHistory.RegressedSeries;
        var statusRows = outputs[0].Split('\n').Where(l => l.Contains("ParserBenchmarks.", StringComparison.Ordinal)).ToList();
        statusRows[0].ShouldContain(regressed);
        statusRows[0].ShouldContain("≤ 2.50 μs");
        statusRows.Count(l => l.Contains("≤ 1.00 μs", StringComparison.Ordinal)).ShouldBe(3);
        outputs[0].ShouldContain("3 targets met, 1 missed"); // the regressed Join is over its 2.5 μs budget
        outputs[1].ShouldContain("7 run(s)");
        var alertRows = outputs[2].Split('\n').Where(l => l.Contains("ParserBenchmarks.", StringComparison.Ordinal)).ToList();
        alertRows.Count.ShouldBe(2 * (history.Runs - history.RegressionFrom)); // each regressed run: its time and its doubled allocations
        alertRows.Count(l => l.Contains(" allocated ", StringComparison.Ordinal)).ShouldBe(history.Runs - history.RegressionFrom);
        alertRows.ShouldAllBe(l => l.Contains(regressed));
        Console.WriteLine($"perfgate transcript: {path}");
    }
}
