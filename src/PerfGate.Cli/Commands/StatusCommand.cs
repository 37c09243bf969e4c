using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using PerfGate.Cli.Output;
using PerfGate.Core.Baselines;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Rendering;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate status</c>: the latest recorded run on a branch, each series against its target, the baseline and the
/// median of the previous seven days, with the status the gate recorded (docs/operations.md).
/// </summary>
internal static class StatusCommand
{
    /// <summary>How far back the trend column looks from the latest run.</summary>
    public static readonly TimeSpan TrendSpan = TimeSpan.FromDays(7);

    public static Command Create(CliEnvironment env)
    {
        var history = CommonOptions.History(env);
        var branch = new Option<string>("--branch") { Description = "Branch whose latest run to show.", DefaultValueFactory = _ => "main" };
        var config = new Option<string?>("--config") { Description = "perfgate.json with the targets (default: ./perfgate.json when present)." };
        var baseline = CommonOptions.Paths("--baseline", "The committed baseline folder or file (default: ./baselines/baseline.json when present).", required: false);
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("status", "Show the latest recorded run: each benchmark against its target, the baseline and the 7-day trend.")
        {
            history, branch, config, baseline, format, verbose,
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            using var store = HistoryAccess.OpenExisting(env, parse.GetValue(history)!);
            StageTimings.Mark("history-open");
            var options = CheckCommand.LoadOptions(parse.GetValue(config), env);
            StageTimings.Mark("config");
            var loadedBaseline = LoadBaseline(parse.GetValue(baseline) ?? [], env);
            StageTimings.Mark("baseline");
            var status = Read(store, parse.GetValue(branch)!, options, loadedBaseline);
            Write(status, parse.GetValue(format), env);
            StageTimings.Mark("render");
            return ExitCodes.Pass;
        }));
        return command;
    }

    public static RunStatus Read(IHistoryOperations store, string branch, GateOptions options, BenchmarkRun? baseline)
    {
        var latest = store.GetLatestRun(branch)
                     ?? throw new UsageException($"{store.Path}: no run recorded on branch '{branch}'");

        // The trend's medians need only the run's time, and share nothing with the rest (the store opens a connection
        // per call): they are read on another thread while this one reads the run and reads and scans the steps.
        var (from, to) = RunStatusBuilder.TrendWindowOf(latest, TrendSpan);
        var trend = Task.Run(() => store.GetTrendMedians(latest, from, to));
        RunStatusBuilder builder;
        IReadOnlyDictionary<string, ImmutableArray<MainStep>> steps;
        try
        {
            // The headline figures only: status tests nothing, so the raw samples stay on disk.
            var run = store.LoadRunWithoutSamples(latest.Id) ?? throw new UsageException($"{store.Path}: run {latest.Id} disappeared while reading");
            builder = new RunStatusBuilder(run, options, baseline, store.GetAlerts(new AlertFilter { RunId = latest.Id }), TrendSpan);
            StageTimings.Mark("latest-run");
            steps = FindSteps(store, branch, latest, run, options);
        }
        finally
        {
            // Never leave the read running against a store about to be disposed (WaitAny does not throw its failure).
            Task.WaitAny(trend);
        }

        builder.UseTrendMedians(trend.GetAwaiter().GetResult());
        StageTimings.Mark("trend-read");

        var status = builder.Build();
        return status with
        {
            Steps = [.. status.Series.Where(x => steps.ContainsKey(x.SeriesKey)).SelectMany(x => steps[x.SeriesKey].Select(step => new SeriesStep(x.SeriesKey, x.DisplayName, step)))],
        };
    }

    /// <summary>
    /// Each benchmark's steps in its last <see cref="MainStepScan.Runs"/> main runs: those stored when the run was
    /// recorded when they still hold (<see cref="RecordedSteps.TryRead"/>: same trend settings, same runs in the
    /// window), else searched here as <c>check --record</c> searched them (<see cref="RecordedSteps.Scan"/>).
    /// </summary>
    private static IReadOnlyDictionary<string, ImmutableArray<MainStep>> FindSteps(IHistoryOperations store, string branch, StoredRun latest, RunWithResults run, GateOptions options)
    {
        if (RecordedSteps.TryRead(store, latest, options.Trend) is { } stored)
        {
            StageTimings.Mark("steps-stored");
            return stored;
        }

        StageTimings.Mark("steps-stale");
        var keys = RecordedSteps.KeysOf(run.Results.Select(r => r.SeriesKey));
        var recent = store.GetRecent(branch, keys, MainStepScan.Runs, latest.FingerprintKey);
        StageTimings.Mark("steps-read");
        var steps = RecordedSteps.Scan(recent, keys, options.Trend);
        StageTimings.Mark("steps");
        return steps;
    }

    private static BenchmarkRun? LoadBaseline(string[] paths, CliEnvironment env)
    {
        if (paths.Length > 0)
        {
            return BaselineStore.LoadAny(paths.Select(env.Resolve));
        }

        var implicitPath = env.Resolve(Path.Combine("baselines", BaselineStore.FileName));
        return File.Exists(implicitPath) ? BaselineStore.LoadAny([implicitPath]) : null;
    }

    private static void Write(RunStatus status, OutputFormat format, CliEnvironment env)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                TableWriter.WriteCsv(Data(status), env.Out);
                break;
            case OutputFormat.Json:
                TableWriter.WriteJson(Document(status), CliJson.Documents.StatusDocument, env.Out);
                break;
            default:
                TableWriter.Write(Display(status), OutputFormat.Table, env);
                env.Out.WriteLine(SummaryLine(status.Summary));
                env.Out.WriteLine("Performance index: " + CompositeText.Index(status.PerformanceIndex));
                env.Out.WriteLine("Regression score (negative = slower): " + CompositeText.Score(status.RegressionScore));
                WriteSteps(status, env);
                break;
        }
    }

    private static StatusDocument Document(RunStatus status) => new(
        new StatusRun(status.Run.Id, status.Run.Timestamp, status.Run.Branch, status.Run.Commit, status.Run.PullRequest, status.Run.FingerprintKey),
        status.TrendSpan.TotalDays,
        [.. status.Steps.Select(x => new StatusStep(
            x.SeriesKey,
            x.DisplayName,
            x.Step.Step.Percent,
            x.Step.Step.LowerPercent,
            x.Step.Step.UpperPercent,
            x.Step.Step.PValue,
            x.Step.FirstRunAfter.RunId,
            x.Step.FirstRunAfter.Commit,
            x.Step.FirstRunAfter.Timestamp,
            x.Step.Step.RunsBefore,
            x.Step.Step.RunsAfter,
            x.Step.Describe()))],
        TableWriter.Rows(Data(status)),
        new StatusCounts(status.Summary.Ok, status.Summary.Warning, status.Summary.Error, status.Summary.Critical, status.Summary.Total, status.Summary.TargetsMet, status.Summary.TargetsMissed),
        status.PerformanceIndex is { } index ? new StatusIndex(index.Value, index.Parts.Length, index.TargetsMet) : null,
        status.RegressionScore is { } score ? new StatusScore(score.Percent, score.LowerPercent, score.UpperPercent, score.Benchmarks, score.Reference, "spread") : null);

    /// <summary>The table for people: units, signs, symbols.</summary>
    private static Table Display(RunStatus status)
    {
        var days = status.TrendSpan.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        var table = new Table(
            $"PERFORMANCE STATUS (latest run {SeriesText.Run(status.Run)})",
            Column.Text("Benchmark", "name"),
            Column.Number("Value", "value"),
            Column.Number("Allocated", "allocatedBytes"),
            Column.Text("Target", "target"),
            Column.Number("vs baseline", "baselineChangePercent"),
            Column.Text($"Trend (vs {days}-day median)", "trendChangePercent"),
            Column.Text("Status", "status"));
        foreach (var s in status.Series)
        {
            table.Add(
                s.DisplayName,
                s.Value is null ? "failed" : Units.Quantity(s.Value, s.Unit),
                Units.Quantity(s.AllocatedBytes, "B"),
                TargetText(s.Target),
                Units.SignedPercent(s.BaselineChangePercent),
                TrendText(s.TrendChangePercent),
                SeriesText.Status(s.Status));
        }

        return table;
    }

    /// <summary>The rows for programs: raw numbers in ns, bytes and percent; severities as lower-case words.</summary>
    private static Table Data(RunStatus status)
    {
        var table = new Table(
            "status",
            Column.Text("Series key", "seriesKey"),
            Column.Text("Benchmark", "name"),
            Column.Text("Unit", "unit"),
            Column.Number("Value", "value"),
            Column.Number("Allocated bytes", "allocatedBytes"),
            Column.Number("Target", "target"),
            Column.Number("Target warning", "targetWarning"),
            Column.Number("Target error", "targetError"),
            Column.Text("Target severity", "targetSeverity"),
            Column.Number("Baseline", "baseline"),
            Column.Number("vs baseline %", "baselineChangePercent"),
            Column.Number("Trend median", "trendMedian"),
            Column.Number("Trend runs", "trendRuns"),
            Column.Number("Trend %", "trendChangePercent"),
            Column.Text("Alert severity", "alertSeverity"),
            Column.Text("Status", "status"),
            Column.Text("Status source", "statusSource"));
        foreach (var s in status.Series)
        {
            table.Add(
                s.SeriesKey,
                s.DisplayName,
                s.Unit,
                Raw(s.Value),
                Raw(s.AllocatedBytes),
                Raw(s.Target?.Target.Target),
                Raw(s.Target?.Target.Warning),
                Raw(s.Target?.Target.Error),
                s.TargetSeverity is { } ts ? SeriesText.Name(ts) : null,
                Raw(s.Baseline),
                Raw(s.BaselineChangePercent),
                Raw(s.TrendMedian),
                Cell.Of(string.Empty, s.TrendRuns),
                Raw(s.TrendChangePercent),
                s.AlertSeverity is { } a ? SeriesText.Name(a) : null,
                SeriesText.Name(s.Status),
                s.StatusSource.ToString().ToLowerInvariant());
        }

        return table;
    }

    /// <summary>The change points of tier 3, one line per step: <c>  ↑ Parse: step of +23.0% (95% CI …) at commit abc1234, run #45; 6 runs at the new level</c>.</summary>
    private static void WriteSteps(RunStatus status, CliEnvironment env)
    {
        env.Out.WriteLine();
        if (status.Steps.IsEmpty)
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Steps on {status.Run.Branch}: none in the last {MainStepScan.Runs} runs of any benchmark."));
            return;
        }

        env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Steps on {status.Run.Branch} (change points in the last {MainStepScan.Runs} runs; docs/how-the-gate-decides.md, tier 3):"));
        foreach (var s in status.Steps)
        {
            env.Out.WriteLine($"  {(s.Step.Step.IsIncrease ? "↑" : "↓")} {s.DisplayName}: {s.Step.Describe()}");
        }
    }

    private static Cell Raw(double? value) => Cell.Of(string.Empty, value);

    private static string TargetText(TargetMatch? match) => match is null
        ? "–"
        : (match.BiggerIsBetter ? "≥ " : "≤ ") + Units.Quantity(match.Target.Target, match.Unit);

    /// <summary>An arrow and the signed change: <c>↑ +58.9%</c>; a change under 1% is flat (<c>→</c>).</summary>
    private static string TrendText(double? percent) => percent switch
    {
        null => "–",
        var p when Math.Abs(p.Value) < 1 => "→ " + Units.SignedPercent(p),
        var p when p > 0 => "↑ " + Units.SignedPercent(p),
        var p => "↓ " + Units.SignedPercent(p),
    };

    private static string SummaryLine(StatusSummary s) => string.Create(
        CultureInfo.InvariantCulture,
        $"Summary: {s.Ok} ok · {s.Warning} warning · {s.Error} error · {s.Critical} critical ({s.TargetsMet} targets met, {s.TargetsMissed} missed)");
}
