using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate export</c> of the recorded history: rows read back with real parsers and compared with the store.</summary>
public sealed class ExportCommandTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    private static readonly string[] Header =
    [
        "run_id", "timestamp", "branch", "commit", "pull_request", "fingerprint", "series_key", "display_name",
        "value", "unit", "allocated_bytes", "launches", "original_value_count",
    ];

    [Fact]
    public void Csv_to_a_file_in_a_missing_folder_has_a_row_per_run_and_series_of_the_window()
    {
        using var cli = new CliRunner();
        cli.Clock.Now = RecordedHistory.End;
        var path = cli.Path("out", "nested", "export.csv");

        var (code, output, error) = cli.Run("export", "--format", "csv", "--days", "7", "--history", history.HistoryPath, "--output", "out/nested/export.csv");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var windowRuns = history.RunIds.Skip(23).ToList();
        var expected = windowRuns.SelectMany(id => store.GetResults(id)).ToDictionary(r => (r.RunId, r.SeriesKey));
        expected.Count.ShouldBe(7 * store.GetResults(history.RunIds[^1]).Count);
        output.ShouldBe($"perfgate: exported {expected.Count} rows from 7 runs to {path}{Environment.NewLine}");
        error.ShouldBeEmpty();

        var text = File.ReadAllText(path);
        Rfc4180.Parse(text)[0].ShouldBe(Header);
        var rows = Rfc4180.Rows(text);
        rows.Count.ShouldBe(expected.Count);
        foreach (var row in rows)
        {
            var runId = long.Parse(row["run_id"], CultureInfo.InvariantCulture);
            var result = expected[(runId, row["series_key"])];
            var run = store.GetRun(runId)!;
            DateTimeOffset.Parse(row["timestamp"], CultureInfo.InvariantCulture).ShouldBe(run.Timestamp);
            row["timestamp"].ShouldEndWith("Z");
            row["branch"].ShouldBe("main");
            row["commit"].ShouldBe(run.Commit);
            row["pull_request"].ShouldBeEmpty();
            row["fingerprint"].ShouldBe(run.FingerprintKey);
            row["display_name"].ShouldBe(result.DisplayName);
            double.Parse(row["value"], CultureInfo.InvariantCulture).ShouldBe(result.Value!.Value);
            row["unit"].ShouldBe("ns");
            double.Parse(row["allocated_bytes"], CultureInfo.InvariantCulture).ShouldBe(result.Benchmark!.AllocatedBytesPerOperation!.Value);
            row["launches"].ShouldBe(System.Text.RegularExpressions.Regex.Match(row["series_key"], @"LaunchCount=(\d)").Groups[1].Value);
            int.Parse(row["original_value_count"], CultureInfo.InvariantCulture).ShouldBe(result.OriginalValueCount);
        }

        rows.Select(r => long.Parse(r["run_id"], CultureInfo.InvariantCulture)).Distinct().Order().ShouldBe(windowRuns);
        Directory.GetFiles(cli.Path("out", "nested")).ShouldBe([path], "the temporary file was moved, not left behind");
    }

    [Fact]
    public void Json_to_stdout_round_trips_and_the_message_goes_to_stderr()
    {
        var (code, output, error) = history.Cli.Run("export", "--format", "json", "--days", "2", "--history", history.HistoryPath, "--output", "-");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var expected = history.RunIds.Skip(28).SelectMany(id => store.GetResults(id)).ToList();
        error.ShouldBe($"perfgate: exported {expected.Count} rows from 2 runs to standard output{Environment.NewLine}");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("exportedAt").GetDateTimeOffset().ShouldBe(RecordedHistory.End);
        root.GetProperty("from").GetDateTimeOffset().ShouldBe(RecordedHistory.End.AddDays(-2));
        root.GetProperty("to").GetDateTimeOffset().ShouldBe(RecordedHistory.End);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(expected.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].GetProperty("runId").GetInt64().ShouldBe(expected[i].RunId);
            rows[i].GetProperty("seriesKey").GetString().ShouldBe(expected[i].SeriesKey);
            rows[i].GetProperty("value").GetDouble().ShouldBe(expected[i].Value!.Value);
            rows[i].GetProperty("allocatedBytes").GetDouble().ShouldBe(expected[i].Benchmark!.AllocatedBytesPerOperation!.Value);
            rows[i].GetProperty("unit").GetString().ShouldBe("ns");
            rows[i].GetProperty("pullRequest").ValueKind.ShouldBe(JsonValueKind.Null);
            rows[i].GetProperty("timestamp").GetDateTimeOffset().ShouldBe(store.GetRun(expected[i].RunId)!.Timestamp);
        }
    }

    [Fact]
    public void Without_days_the_whole_history_is_exported_and_an_existing_file_is_replaced()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.Path("all.csv"), "old content that must disappear\n");

        var (code, output, error) = cli.Run("export", "--history", history.HistoryPath, "--output", "all.csv");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var total = history.RunIds.Sum(id => store.GetResults(id).Count);
        output.ShouldContain($"exported {total} rows from 30 runs");
        var rows = Rfc4180.Rows(File.ReadAllText(cli.Path("all.csv")));
        rows.Count.ShouldBe(total);
        rows.Select(r => r["run_id"]).Distinct().Count().ShouldBe(30);
    }

    [Fact]
    public void Bad_input_is_exit_2_with_one_line()
    {
        var missing = history.Cli.Run("export", "--history", "gone.db", "--output", "-");
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain(history.Cli.Path("gone.db"));

        var branch = history.Cli.Run("export", "--history", history.HistoryPath, "--branch", "nope", "--output", "-");
        branch.Code.ShouldBe(2);
        branch.Error.ShouldContain("no run recorded on branch 'nope'");
        branch.Out.ShouldBeEmpty();

        history.Cli.Run("export", "--history", history.HistoryPath).Code.ShouldBe(2);
        history.Cli.Run("export", "--history", history.HistoryPath, "--output", "-", "--format", "table").Code.ShouldBe(2);
        history.Cli.Run("export", "--history", history.HistoryPath, "--output", "-", "--days", "0").Code.ShouldBe(2);
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var (code, output, _) = history.Cli.Run("export", "--help");

        code.ShouldBe(0);
        foreach (var option in new[] { "--format", "--days", "--branch", "--output", "--history" })
        {
            output.ShouldContain(option);
        }
    }
}
