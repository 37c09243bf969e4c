using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rules;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>
/// The steps <c>check --record</c> stores with each run (<c>run_steps</c>) and <c>status</c> reads: on a history where one
/// benchmark steps up 15% (<see cref="SteppedHistory"/>), status prints the same bytes from the stored steps as from its
/// own search, and searches again when the stored ones no longer hold.
/// </summary>
public sealed class StoredStepsTests(SteppedHistory stepped) : IClassFixture<SteppedHistory>
{
    private RecordedHistory History => stepped.History;

    [Fact]
    public void Check_record_stored_each_runs_steps_and_the_latest_ones_hold()
    {
        using var store = new SqliteHistoryStore(History.HistoryPath);
        var latest = store.GetLatestRun("main").ShouldNotBeNull();
        latest.Id.ShouldBe(History.RunIds[^1]);

        History.RunIds.ShouldAllBe(id => store.GetRunSteps(id) != null);
        var steps = RecordedSteps.TryRead(store, latest, new TrendOptions()).ShouldNotBeNull();
        var step = steps.ShouldHaveSingleItem();
        RecordedHistory.IsRegressed(step.Key).ShouldBeTrue(step.Key);
        step.Value.ShouldHaveSingleItem().FirstRunAfter.RunId.ShouldBe(History.RunIds[SteppedHistory.StepAt]);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("csv")]
    public void Status_prints_the_same_bytes_from_the_stored_steps_as_from_its_own_search(string format)
    {
        using var cli = new CliRunner();
        var stored = History.CopyHistoryTo(cli.Path("stored.db"));
        var searched = History.CopyHistoryTo(cli.Path("searched.db"));
        Sql(searched, "DELETE FROM run_steps;");
        string[] formatArguments = format == "table" ? [] : ["--format", format];

        var fromStored = cli.Run(["status", "--history", stored, .. formatArguments]);
        var fromSearch = cli.Run(["status", "--history", searched, .. formatArguments]);

        fromStored.Code.ShouldBe(0, fromStored.Error);
        fromSearch.Code.ShouldBe(0, fromSearch.Error);
        fromStored.Out.ShouldBe(fromSearch.Out);
        if (format != "csv")
        {
            fromStored.Out.ShouldContain($"run #{History.RunIds[SteppedHistory.StepAt]}; 10 runs at the new level");
        }

        Count(stored, "SELECT count(*) FROM run_steps").ShouldBe(History.RunIds.Count);
        Count(searched, "SELECT count(*) FROM run_steps").ShouldBe(0);
    }

    [Fact]
    public void Status_shows_the_stored_steps_while_they_hold_and_searches_again_for_other_settings_or_other_runs()
    {
        using var cli = new CliRunner();
        var copy = History.CopyHistoryTo(cli.Path("tampered.db"));
        using (var store = new SqliteHistoryStore(copy))
        {
            // The stored row says "no steps" under the right keys: status believes it, which shows it reads the row.
            var row = store.GetRunSteps(History.RunIds[^1]).ShouldNotBeNull();
            store.SaveRunSteps(row with { Steps = RunStepsCodec.Encode(new Dictionary<string, ImmutableArray<MainStep>>()) });
        }

        var trusted = cli.Run("status", "--history", copy);
        var otherSettings = cli.Path("perfgate.json");
        File.WriteAllText(otherSettings, """{ "trend": { "warningPercent": 6 } }""");
        var stale = cli.Run("status", "--history", copy, "--config", otherSettings);
        Sql(copy, "DELETE FROM runs WHERE id = (SELECT min(id) FROM runs);");
        var pruned = cli.Run("status", "--history", copy);

        trusted.Code.ShouldBe(0, trusted.Error);
        trusted.Out.ShouldContain("Steps on main: none in the last 60 runs of any benchmark.");
        stale.Out.ShouldContain($"run #{History.RunIds[SteppedHistory.StepAt]}; 10 runs at the new level");
        pruned.Code.ShouldBe(0, pruned.Error);
        pruned.Out.ShouldContain($"run #{History.RunIds[SteppedHistory.StepAt]}; 10 runs at the new level");
    }

    [Fact]
    public void A_history_whose_steps_cannot_be_stored_still_records_the_run_whole()
    {
        using var cli = new CliRunner();
        var copy = History.CopyHistoryTo(cli.Path("no-steps-table.db"));
        Sql(copy, "DROP TABLE run_steps;");
        var results = cli.SlowedCopy(History.Source, 1.0, "one-more", ranAt: RecordedHistory.End.AddDays(1));

        var (code, output, error) = cli.Run("check", "--results", results, "--history", copy, "--record", "--branch", "main", "--commit", new string('d', 40));

        code.ShouldBeOneOf(0, 1);
        output.ShouldContain("perfgate: recorded run ");
        error.ShouldContain("is recorded, but its steps were not stored");
        Count(copy, "SELECT count(*) FROM runs").ShouldBe(History.RunIds.Count + 1);
        Count(copy, $"SELECT count(*) FROM results WHERE run_id = (SELECT max(id) FROM runs)").ShouldBe(Count(copy, $"SELECT count(*) FROM results WHERE run_id = {History.RunIds[^1]}"));
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=True");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
