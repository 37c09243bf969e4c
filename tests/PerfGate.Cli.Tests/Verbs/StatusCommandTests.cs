using System.Globalization;
using System.Text.Json;
using PerfGate.Core.History;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary><c>perfgate status</c> against a history recorded by <c>check --record</c>: 30 daily runs, the last three regressed.</summary>
public sealed class StatusCommandTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Fact]
    public void The_latest_run_is_named_and_the_regressed_benchmark_comes_first_with_its_alert_and_trend()
    {
        var (code, output, error) = history.Cli.Run("status", "--history", history.HistoryPath);

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var latestId = history.RunIds[^1];
        var results = store.GetResults(latestId);
        var worst = store.GetAlerts(new AlertFilter { RunId = latestId }).Max(a => a.Severity);
        worst.ShouldBeOneOf(Severity.Error, Severity.Critical);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe($"PERFORMANCE STATUS (latest run #{latestId} on main, {RecordedHistory.CommitOf(29)[..7]}… at 2026-11-30 12:00 UTC)");
        lines[1].ShouldStartWith("Benchmark");
        lines[1].ShouldContain("Trend (vs 7-day median)");
        var rows = lines.Skip(3).Take(results.Count).ToList();
        rows[0].ShouldContain("Join(Count=100, Separator=a b)");
        rows[0].ShouldContain("IterationCount=4");
        rows[0].ShouldEndWith("❌ " + worst.ToString().ToLowerInvariant());
        var trend = double.Parse(System.Text.RegularExpressions.Regex.Match(rows[0], @"↑ \+(\d+\.\d)%").Groups[1].Value, CultureInfo.InvariantCulture);
        trend.ShouldBeInRange(55, 65);
        rows.Skip(1).ShouldAllBe(r => r.EndsWith("✅ ok", StringComparison.Ordinal));
        lines[3 + results.Count].ShouldBe(
            $"Summary: {results.Count - 1} ok · 0 warning · {(worst == Severity.Error ? 1 : 0)} error · {(worst == Severity.Critical ? 1 : 0)} critical (0 targets met, 0 missed)");
    }

    [Fact]
    public void Json_carries_raw_numbers_and_a_trend_against_the_median_of_the_seven_days_before()
    {
        var (code, output, error) = history.Cli.Run("status", "--history", history.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var latestId = history.RunIds[^1];
        var regressed = store.GetResults(latestId).Single(r => RecordedHistory.IsRegressed(r.SeriesKey));
        // The seven days before the latest run: runs 22..28 (0-based), at End - 7 days (included) up to End (excluded).
        var earlier = history.RunIds.Skip(22).Take(7).Select(id => store.GetResults(id).Single(r => r.SeriesKey == regressed.SeriesKey).Value!.Value).ToList();
        var expectedTrend = (regressed.Value!.Value / Quantiles.Median(earlier) - 1) * 100;

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("run").GetProperty("id").GetInt64().ShouldBe(latestId);
        root.GetProperty("run").GetProperty("commit").GetString().ShouldBe(RecordedHistory.CommitOf(29));
        root.GetProperty("run").GetProperty("branch").GetString().ShouldBe("main");
        var first = root.GetProperty("benchmarks")[0];
        first.GetProperty("seriesKey").GetString().ShouldBe(regressed.SeriesKey);
        first.GetProperty("unit").GetString().ShouldBe("ns");
        first.GetProperty("value").GetDouble().ShouldBe(regressed.Value!.Value);
        first.GetProperty("allocatedBytes").GetDouble().ShouldBe(regressed.Benchmark!.AllocatedBytesPerOperation!.Value);
        first.GetProperty("trendRuns").GetInt32().ShouldBe(7);
        first.GetProperty("trendChangePercent").GetDouble().ShouldBe(expectedTrend, 1e-9);
        var worst = store.GetAlerts(new AlertFilter { RunId = latestId }).Max(a => a.Severity).ToString().ToLowerInvariant();
        first.GetProperty("status").GetString().ShouldBe(worst);
        first.GetProperty("alertSeverity").GetString().ShouldBe(worst);
        first.GetProperty("statusSource").GetString().ShouldBe("alert");
        first.GetProperty("baseline").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("benchmarks").GetArrayLength().ShouldBe(store.GetResults(latestId).Count);
        root.GetProperty("benchmarks").EnumerateArray().Skip(1).ShouldAllBe(b => b.GetProperty("status").GetString() == "ok");
        var summary = root.GetProperty("summary");
        summary.GetProperty("total").GetInt32().ShouldBe(store.GetResults(latestId).Count);
        summary.GetProperty("ok").GetInt32().ShouldBe(store.GetResults(latestId).Count - 1);
        (summary.GetProperty("error").GetInt32() + summary.GetProperty("critical").GetInt32()).ShouldBe(1);
    }

    [Fact]
    public void Csv_has_one_row_per_series_with_raw_values()
    {
        var (code, output, error) = history.Cli.Run("status", "--history", history.HistoryPath, "--format", "csv");

        code.ShouldBe(0, error);
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var results = store.GetResults(history.RunIds[^1]).ToDictionary(r => r.SeriesKey, StringComparer.Ordinal);
        var worst = store.GetAlerts(new AlertFilter { RunId = history.RunIds[^1] }).Max(a => a.Severity).ToString().ToLowerInvariant();
        var rows = Rfc4180.Rows(output);
        rows.Count.ShouldBe(results.Count);
        foreach (var row in rows)
        {
            double.Parse(row["value"], CultureInfo.InvariantCulture).ShouldBe(results[row["seriesKey"]].Value!.Value);
            row["status"].ShouldBe(RecordedHistory.IsRegressed(row["seriesKey"]) ? worst : "ok");
            row["alertSeverity"].ShouldBe(RecordedHistory.IsRegressed(row["seriesKey"]) ? worst : "");
        }

        RecordedHistory.IsRegressed(rows[0]["seriesKey"]).ShouldBeTrue();
    }

    [Fact]
    public void Targets_from_perfgate_json_and_the_committed_baseline_are_found_in_the_working_directory()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.Path("perfgate.json"), """
            {
              "targets": [
                { "benchmark": "*.Sum(Count=10, Separator=a b) *", "target": "50ns", "warning": "60ns", "error": "70ns" },
                { "benchmark": "*.Sum(Count=100, Separator=x,y) *", "target": "1us" }
              ]
            }
            """);
        cli.Run("baseline", "update", "--from", history.Source).Code.ShouldBe(0);

        var (code, output, error) = cli.Run("status", "--history", history.HistoryPath, "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("benchmarks").EnumerateArray().ToList();
        var sum10 = rows.Where(r => r.GetProperty("seriesKey").GetString()!.Contains(".Sum(Count=10, Separator=a b) ", StringComparison.Ordinal)).ToList();
        sum10.Count.ShouldBe(3);
        foreach (var row in sum10)
        {
            // Target 50 ns, warning 60 ns, error 70 ns; critical beyond 50 + 1.5 × (70 − 50) = 80 ns.
            var value = row.GetProperty("value").GetDouble();
            var expected = value > 80 ? "critical" : value > 70 ? "error" : value > 60 ? "warning" : "ok";
            row.GetProperty("target").GetDouble().ShouldBe(50);
            row.GetProperty("targetError").GetDouble().ShouldBe(70);
            row.GetProperty("targetSeverity").GetString().ShouldBe(expected);
            row.GetProperty("status").GetString().ShouldBe(expected);
            row.GetProperty("statusSource").GetString().ShouldBe(expected == "ok" ? "none" : "target");
        }

        sum10.Select(r => r.GetProperty("status").GetString()).Distinct().Count().ShouldBeGreaterThan(1, "the fixture's three jobs fall on different levels");
        var summary = json.RootElement.GetProperty("summary");
        summary.GetProperty("targetsMet").GetInt32().ShouldBe(3 + sum10.Count(r => r.GetProperty("status").GetString() == "ok"));
        summary.GetProperty("targetsMissed").GetInt32().ShouldBe(sum10.Count(r => r.GetProperty("status").GetString() != "ok"));

        // The baseline is the unslowed source run; the latest run is that run × (1 ± 1.5%), the regressed series × 1.6.
        foreach (var row in rows)
        {
            var change = row.GetProperty("baselineChangePercent").GetDouble();
            if (RecordedHistory.IsRegressed(row.GetProperty("seriesKey").GetString()!))
            {
                change.ShouldBeInRange(55, 65);
            }
            else
            {
                change.ShouldBeInRange(-2, 2);
            }
        }

        rows.Select(r => r.GetProperty("status").GetString()).ShouldBe(
            rows.Select(r => r.GetProperty("status").GetString()).OrderByDescending(s => Array.IndexOf(["ok", "warning", "error", "critical"], s)),
            "worst status first");

        // The regression score: the geometric mean of every benchmark's change against the baseline, sign turned.
        var score = json.RootElement.GetProperty("regressionScore");
        var geometricMean = Math.Exp(rows.Average(r => Math.Log(1 + (r.GetProperty("baselineChangePercent").GetDouble() / 100))));
        score.GetProperty("percent").GetDouble().ShouldBe(-(geometricMean - 1) * 100, tolerance: 1e-6);
        score.GetProperty("percent").GetDouble().ShouldBeLessThan(-1, "one series is 60% slower");
        score.GetProperty("lowerPercent").GetDouble().ShouldBeLessThan(score.GetProperty("percent").GetDouble());
        score.GetProperty("upperPercent").GetDouble().ShouldBeGreaterThan(score.GetProperty("percent").GetDouble());
        score.GetProperty("benchmarks").GetInt32().ShouldBe(rows.Count);
        score.GetProperty("reference").GetString().ShouldBe("the baseline");
        json.RootElement.GetProperty("performanceIndex").GetProperty("targets").GetInt32().ShouldBe(
            summary.GetProperty("targetsMet").GetInt32() + summary.GetProperty("targetsMissed").GetInt32());

        var table = cli.Run("status", "--history", history.HistoryPath).Out;
        table.ShouldContain("Regression score (negative = slower): -");
        table.ShouldContain("against the baseline over " + rows.Count + " benchmarks");
        table.ShouldContain("≤ 50.0 ns");
        table.ShouldContain("≤ 1.00 μs");
    }

    [Fact]
    public void A_run_level_metric_is_a_series_with_its_unit_judged_against_its_metric_target()
    {
        using var cli = new CliRunner();
        var results = cli.Path("results");
        Directory.CreateDirectory(results);
        File.Copy(history.Source, Path.Combine(results, Path.GetFileName(history.Source)));
        File.WriteAllText(Path.Combine(results, "perfgate-metrics.json"), """
            { "format": "perfgate-metrics/1", "metrics": [
              { "id": "TOK-001", "name": "Prompt tokens", "value": 1234, "unit": "tokens", "biggerIsBetter": false, "deterministic": true } ] }
            """);
        var recorded = cli.Run("check", "--results", results, "--history", "h.db", "--record", "--branch", "main", "--commit", "abc1234def");
        recorded.Code.ShouldBe(0, recorded.Out + recorded.Error);
        File.WriteAllText(cli.Path("perfgate.json"), """
            { "targets": [ { "metric": "TOK-001", "target": 1000, "warning": 1100, "error": 1200 } ] }
            """);

        var (code, output, error) = cli.Run("status", "--history", "h.db", "--format", "json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement.GetProperty("benchmarks")[0];
        first.GetProperty("seriesKey").GetString().ShouldBe("metric:TOK-001");
        first.GetProperty("unit").GetString().ShouldBe("tokens");
        first.GetProperty("value").GetDouble().ShouldBe(1234);
        first.GetProperty("target").GetDouble().ShouldBe(1000);
        first.GetProperty("status").GetString().ShouldBe("error", "over the error level, under the critical one (1000 + 1.5 × 200)");
        first.GetProperty("statusSource").GetString().ShouldBe("target");
        first.GetProperty("trendRuns").GetInt32().ShouldBe(0);
        json.RootElement.GetProperty("summary").GetProperty("targetsMissed").GetInt32().ShouldBe(1);

        // 1234 tokens against 1000: 23.4% over, scored 100 − 23.4; no committed baseline, so no regression score.
        var index = json.RootElement.GetProperty("performanceIndex");
        index.GetProperty("value").GetDouble().ShouldBe(76.6, tolerance: 1e-9);
        index.GetProperty("targets").GetInt32().ShouldBe(1);
        index.GetProperty("targetsMet").GetInt32().ShouldBe(0);
        json.RootElement.GetProperty("regressionScore").ValueKind.ShouldBe(JsonValueKind.Null);

        var table = cli.Run("status", "--history", "h.db").Out;
        table.ShouldContain("1,234 tokens");
        table.ShouldContain("≤ 1,000 tokens");
        table.ShouldContain("Performance index: 77/100 (0 of 1 target met; lowest: Prompt tokens 77)");
        table.ShouldContain("Regression score (negative = slower): no reference");
        table.ShouldContain("(latest run #1 on main, abc1234… at ");
    }

    [Fact]
    public void An_unknown_branch_a_missing_history_or_a_missing_config_is_exit_2_with_one_line()
    {
        var branch = history.Cli.Run("status", "--history", history.HistoryPath, "--branch", "no-such-branch");
        branch.Code.ShouldBe(2);
        branch.Error.ShouldBe($"perfgate: {history.HistoryPath}: no run recorded on branch 'no-such-branch'{Environment.NewLine}");

        var missing = history.Cli.Run("status", "--history", "nowhere/history.db");
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain(history.Cli.Path("nowhere", "history.db"));

        var config = history.Cli.Run("status", "--history", history.HistoryPath, "--config", "missing.json");
        config.Code.ShouldBe(2);
        config.Error.ShouldContain("missing.json");
        config.Out.ShouldBeEmpty();
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var (code, output, _) = history.Cli.Run("status", "--help");

        code.ShouldBe(0);
        foreach (var option in new[] { "--history", "--branch", "--config", "--baseline", "--format" })
        {
            output.ShouldContain(option);
        }
    }

    [Fact]
    public void A_terminal_gets_a_drawn_table_and_a_pipe_gets_plain_text()
    {
        using var terminal = new CliRunner { IsTerminal = true };
        var drawn = terminal.Run("status", "--history", history.HistoryPath);
        drawn.Code.ShouldBe(0, drawn.Error);
        drawn.Out.ShouldContain("╭");
        drawn.Out.ShouldContain("│");

        var plain = history.Cli.Run("status", "--history", history.HistoryPath);
        plain.Code.ShouldBe(0, plain.Error);
        plain.Out.IndexOfAny(['╭', '│', '─', '┼', '\u001b']).ShouldBe(-1);
    }
}
