using PerfGate.Core.History;

namespace PerfGate.Cli.Tests;

/// <summary>The history the verb tests share is what it says it is: 30 daily runs, the last three regressed and failing.</summary>
public sealed class RecordedHistoryTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void Thirty_daily_runs_are_recorded_and_only_the_regressed_ones_fail()
    {
        history.RunIds.Count.ShouldBe(30);
        history.ExitCodes.Take(history.RegressionFrom).ShouldAllBe(c => c == 0);
        history.ExitCodes.Skip(history.RegressionFrom).ShouldAllBe(c => c == 1, history.Outputs[^1]);

        using var store = new SqliteHistoryStore(history.HistoryPath);
        store.GetLatestRun("main")!.Timestamp.ShouldBe(RecordedHistory.End);
        var alerts = store.GetAlerts(AlertFilter.All);
        alerts.ShouldNotBeEmpty();
        alerts.Select(a => a.TriggeredAt).Min().ShouldBe(RecordedHistory.End.AddDays(-(30 - 1 - history.RegressionFrom)));
        alerts.Select(a => a.SeriesKey).Distinct().ShouldHaveSingleItem().ShouldContain("Join(Count=100, Separator=a b)");
    }
}
