using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// The acknowledgement rule end to end: on a copy of the recorded history, acknowledge the regression's newest alert;
/// the same 1.6× slowdown with doubled allocations passes only once both its time and its allocation alerts are
/// acknowledged, as warnings naming the acknowledgement, and a 2.4× one still fails.
/// </summary>
public sealed class AcknowledgementEndToEndTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void An_acknowledged_regression_passes_while_within_the_acknowledged_level_and_fails_beyond_it()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        var sameSlowdown = history.Cli.Path($"run{history.Runs - 2:D3}-slow");
        Directory.Exists(sameSlowdown).ShouldBeTrue();

        // Before: the 1.6× run fails against the history.
        Check(cli, copy, sameSlowdown, "before").Code.ShouldBe(1);

        // The newest run's alerts on the regressed benchmark: its time and its doubled allocations, each acknowledged.
        StoredAlert alert;
        StoredAlert allocation;
        using (var store = new SqliteHistoryStore(copy))
        {
            var newest = store.GetAlerts(AlertFilter.All);
            alert = newest.First(a => a.Metric == "time");
            allocation = newest.First(a => a.Metric == "allocated" && a.RunId == alert.RunId);
        }

        var id = alert.Id.ToString(CultureInfo.InvariantCulture);
        cli.Run("alerts", "ack", "--id", id, "--notes", "new parser, slower on purpose", "--by", "alice", "--history", copy).Code.ShouldBe(0);
        Check(cli, copy, sameSlowdown, "time-only").Code.ShouldBe(1, "the allocation alert is not acknowledged yet");
        cli.Run("alerts", "ack", "--id", allocation.Id.ToString(CultureInfo.InvariantCulture), "--notes", "the new parser's buffers", "--by", "alice", "--history", copy).Code.ShouldBe(0);

        var (code, output, verdict) = Check(cli, copy, sameSlowdown, "after");
        code.ShouldBe(0, output);
        var allocationId = allocation.Id.ToString(CultureInfo.InvariantCulture);
        output.ShouldContain($"passes as a warning: acknowledged as alert #{allocationId} by alice on");
        verdict.GetProperty("passed").GetBoolean().ShouldBeTrue();
        var regressed = verdict.GetProperty("benchmarks").EnumerateArray().Single(b => b.GetProperty("id").GetString() == alert.SeriesKey);
        regressed.GetProperty("severity").GetString().ShouldBe("warning");
        regressed.GetProperty("fails").GetBoolean().ShouldBeFalse();
        var messages = regressed.GetProperty("reasons").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToList();
        messages.ShouldContain(m => m.StartsWith($"acknowledged as alert #{allocationId} by alice on", StringComparison.Ordinal) && m.Contains("\"the new parser's buffers\"", StringComparison.Ordinal));
        // The time: either acknowledged, or - main's own history now holds the acknowledged 1.6x runs - within the range main produced.
        messages.ShouldContain(m =>
            (m.StartsWith($"acknowledged as alert #{id} by alice on", StringComparison.Ordinal) && m.Contains("\"new parser, slower on purpose\"", StringComparison.Ordinal)) ||
            m.Contains("within what main's own recorded runs produced", StringComparison.Ordinal));

        // 2.4× the original: 1.5× the acknowledged level, far beyond the 10% slack.
        var source = Path.Combine(cli.SlowedCopy(history.Source, 1.0, "base"), Path.GetFileName(history.Source));
        var worse = cli.SlowedCopy(source, 2.4, "worse", which: b => b == RecordedHistory.RegressedIndex, allocationFactor: 2.0);
        var (worseCode, worseOutput, worseVerdict) = Check(cli, copy, worse, "worse");
        worseCode.ShouldBe(1, worseOutput);
        worseVerdict.GetProperty("benchmarks").EnumerateArray().Single(b => b.GetProperty("id").GetString() == alert.SeriesKey)
            .GetProperty("reasons").EnumerateArray()
            .ShouldContain(f => f.GetProperty("fails").GetBoolean() && f.GetProperty("message").GetString()!.Contains($"exceeds the level acknowledged as alert #{id} by alice", StringComparison.Ordinal));
    }

    [Fact]
    public void An_acknowledgement_recorded_on_another_branch_does_not_count()
    {
        using var cli = new CliRunner();
        var copy = history.CopyHistory(cli);
        var sameSlowdown = history.Cli.Path($"run{history.Runs - 2:D3}-slow");

        // The same regression recorded on a feature branch, and only that alert acknowledged.
        cli.Run("check", "--results", sameSlowdown, "--history", copy, "--record", "--branch", "feature/parser", "--commit", new string('f', 40)).Code.ShouldBe(1);
        StoredAlert onBranch;
        using (var store = new SqliteHistoryStore(copy))
        {
            onBranch = store.GetAlerts(AlertFilter.All).First(a => a.Branch == "feature/parser" && a.Metric == "time");
        }

        cli.Run("alerts", "ack", "--id", onBranch.Id.ToString(CultureInfo.InvariantCulture), "--notes", "fine on my branch", "--by", "bob", "--history", copy).Code.ShouldBe(0);

        Check(cli, copy, sameSlowdown, "branch").Code.ShouldBe(1);
    }

    private static (int Code, string Out, JsonElement Verdict) Check(CliRunner cli, string historyPath, string results, string name)
    {
        var json = cli.Path($"verdict-{name}.json");
        var (code, output, error) = cli.Run("check", "--results", results, "--history", historyPath, "--branch", "main", "--commit", new string('e', 40), "--json", json);
        code.ShouldBeOneOf([0, 1], error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return (code, output, document.RootElement.Clone());
    }
}
