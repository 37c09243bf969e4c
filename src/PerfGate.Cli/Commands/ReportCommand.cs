using System.CommandLine;
using System.Globalization;
using PerfGate.Cli.Output;
using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Rendering;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate report --days N</c>: each series over the last N days (min / median / max, latest and its change, alerts
/// by severity), read from the history one run at a time; pruned days come from the daily aggregates (docs/operations.md).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment env)
    {
        var history = CommonOptions.History(env);
        var days = Days("The window: the last N days up to now (N ≥ 1).", 7);
        var branch = new Option<string>("--branch") { Description = "Branch whose runs and alerts to report.", DefaultValueFactory = _ => "main" };
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("report", "Summarise each series over the last N days: min, median, max, latest and its change, alerts.")
        {
            history, days, branch, format, verbose,
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            using var store = HistoryAccess.OpenExisting(env, parse.GetValue(history)!);
            var window = HistoryWindow.LastDays(env.Clock.GetUtcNow(), parse.GetValue(days)!.Value);
            var report = Read(store, window, parse.GetValue(branch)!, env);
            Write(report, parse.GetValue(format), env);
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary><c>--days N</c>, validated to be at least 1.</summary>
    public static Option<int?> Days(string description, int? defaultValue)
    {
        var option = new Option<int?>("--days") { Description = description };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--days must be at least 1");
            }
        });
        return option;
    }

    public static SeriesReport Read(IHistoryOperations store, HistoryWindow window, string branch, CliEnvironment env)
    {
        var latest = store.GetLatestRun(branch)
                     ?? throw new UsageException($"{store.Path}: no run recorded on branch '{branch}'");
        var builder = new SeriesReportBuilder(window, branch);
        using (var progress = new ProgressLine(env, "reading history"))
        {
            foreach (var run in store.StreamRuns(window.StoreFrom, window.StoreTo, branch))
            {
                builder.AddRun(run);
                progress.Report(builder.Runs, "runs");
            }
        }

        // Days before the oldest raw run in the window may have been pruned into daily aggregates.
        var windowStartDay = DateOnly.FromDateTime(window.From.UtcDateTime);
        if (builder.FirstRunDay is not { } first || first > windowStartDay)
        {
            var keys = builder.SeriesKeys.Concat(store.GetResults(latest.Id).Select(r => r.SeriesKey)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var key in keys)
            {
                foreach (var aggregate in store.GetDailyAggregates(key, branch))
                {
                    builder.AddAggregate(aggregate);
                }
            }
        }

        foreach (var alert in store.GetAlerts(new AlertFilter { Since = window.From }))
        {
            builder.AddAlert(alert);
        }

        return builder.Build();
    }

    private static void Write(SeriesReport report, OutputFormat format, CliEnvironment env)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                TableWriter.WriteCsv(Data(report), env.Out);
                break;
            case OutputFormat.Json:
                TableWriter.WriteJson(Document(report), CliJson.Documents.ReportDocument, env.Out);
                break;
            default:
                env.Out.WriteLine(Header(report));
                TableWriter.Write(Display(report), OutputFormat.Table, env);
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Alerts in the window: {report.Alerts.Warning} warning · {report.Alerts.Error} error · {report.Alerts.Critical} critical ({report.Alerts.Acknowledged} acknowledged)"));
                WriteQuality(report.Quality, env);
                break;
        }
    }

    private static ReportDocument Document(SeriesReport report) => new(
        report.Window.From,
        report.Window.To,
        report.Branch,
        report.Runs,
        report.AggregatedDays,
        TableWriter.Rows(Data(report)),
        new ReportAlertCounts(report.Alerts.Warning, report.Alerts.Error, report.Alerts.Critical, report.Alerts.Total, report.Alerts.Acknowledged),
        new ReportAlertQuality(
            Quality(report.Quality.Overall),
            [.. report.Quality.Series.Select(r => new ReportSeriesQuality(r.SeriesKey, AlertsCommand.DisplayName(r.SeriesKey), Quality(r.Counts), r.Advice))]));

    private static ReportReviewCounts Quality(ReviewCounts c) =>
        new(c.Total, c.Real, c.Expected, c.FalseAlarm, c.Environment, c.NoReason, c.Unreviewed, c.Reviewed, c.FalseAlarmRate);

    /// <summary>
    /// The alert-quality table: per series and overall, what the reviews (<c>alerts ack --reason</c>) found and the
    /// false-alarm rate (false alarms ÷ reviewed); then each series whose alerts were mostly not about the code, with advice.
    /// </summary>
    private static void WriteQuality(AlertQuality quality, CliEnvironment env)
    {
        env.Out.WriteLine();
        if (quality.Overall.Total == 0)
        {
            env.Out.WriteLine("Alert quality: no alerts in the window.");
            return;
        }

        var table = new Table(
            "ALERT QUALITY (what 'perfgate alerts ack --reason' recorded; false-alarm rate = false alarms ÷ reviewed)",
            Column.Text("Series", "name"),
            Column.Number("Alerts", "total"),
            Column.Number("Real", "real"),
            Column.Number("Expected", "expected"),
            Column.Number("False alarm", "falseAlarm"),
            Column.Number("Environment", "environment"),
            Column.Number("No reason", "noReason"),
            Column.Number("Unreviewed", "unreviewed"),
            Column.Number("False-alarm rate", "falseAlarmRate"));
        void Add(string name, ReviewCounts c) => table.Add(
            name,
            Units.Count(c.Total),
            Units.Count(c.Real),
            Units.Count(c.Expected),
            Units.Count(c.FalseAlarm),
            Units.Count(c.Environment),
            Units.Count(c.NoReason),
            Units.Count(c.Unreviewed),
            c.FalseAlarmRate is { } rate ? Units.Percent(Math.Round(rate * 100, 0)) : "–");
        foreach (var row in quality.Series)
        {
            Add(AlertsCommand.DisplayName(row.SeriesKey), row.Counts);
        }

        Add("All series", quality.Overall);
        TableWriter.Write(table, OutputFormat.Table, env);
        foreach (var row in quality.Series.Where(r => r.Advice is not null))
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"! {AlertsCommand.DisplayName(row.SeriesKey)}: {row.Counts.NotTheCode} of {row.Counts.Reviewed} reviewed alerts were not about the code; {row.Advice}."));
        }
    }

    private static string Header(SeriesReport report)
    {
        var days = (report.Window.To - report.Window.From).TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
        var aggregated = report.AggregatedDays > 0
            ? string.Create(CultureInfo.InvariantCulture, $" + {report.AggregatedDays} pruned day(s) from daily aggregates")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"PERFORMANCE REPORT: last {days} days on {report.Branch}, {SeriesText.Time(report.Window.From)} (exclusive) to {SeriesText.Time(report.Window.To)}: {report.Runs} run(s){aggregated}, {report.Series.Length} series");
    }

    private static Table Display(SeriesReport report)
    {
        var table = new Table(
            string.Empty,
            Column.Text("Series", "name"),
            Column.Number("Runs", "runs"),
            Column.Number("Min", "min"),
            Column.Number("Median", "median"),
            Column.Number("Max", "max"),
            Column.Number("Latest", "latest"),
            Column.Number("vs earlier half", "changePercent"),
            Column.Number("Warn", "warning"),
            Column.Number("Error", "error"),
            Column.Number("Crit", "critical"),
            Column.Number("Acked", "acknowledged"));
        foreach (var s in report.Series)
        {
            table.Add(
                s.DisplayName,
                Units.Count(s.Runs),
                Units.Quantity(s.Min, s.Unit),
                Units.Quantity(s.Median, s.Unit),
                Units.Quantity(s.Max, s.Unit),
                Units.Quantity(s.Latest, s.Unit),
                Units.SignedPercent(s.ChangePercent),
                Units.Count(s.Alerts.Warning),
                Units.Count(s.Alerts.Error),
                Units.Count(s.Alerts.Critical),
                Units.Count(s.Alerts.Acknowledged));
        }

        return table;
    }

    private static Table Data(SeriesReport report)
    {
        var table = new Table(
            "report",
            Column.Text("Series key", "seriesKey"),
            Column.Text("Series", "name"),
            Column.Text("Unit", "unit"),
            Column.Number("Runs", "runs"),
            Column.Number("Min", "min"),
            Column.Number("Median", "median"),
            Column.Number("Max", "max"),
            Column.Number("Latest", "latest"),
            Column.Text("Latest at", "latestAt"),
            Column.Number("Earlier half median", "earlierMedian"),
            Column.Number("Change %", "changePercent"),
            Column.Number("Warning", "warning"),
            Column.Number("Error", "error"),
            Column.Number("Critical", "critical"),
            Column.Number("Acknowledged", "acknowledged"));
        foreach (var s in report.Series)
        {
            table.Add(
                s.SeriesKey,
                s.DisplayName,
                s.Unit,
                Cell.Of(string.Empty, s.Runs),
                Cell.Of(string.Empty, s.Min),
                Cell.Of(string.Empty, s.Median),
                Cell.Of(string.Empty, s.Max),
                Cell.Of(string.Empty, s.Latest),
                Cell.Of(string.Empty, s.LatestAt),
                Cell.Of(string.Empty, s.EarlierMedian),
                Cell.Of(string.Empty, s.ChangePercent),
                Cell.Of(string.Empty, s.Alerts.Warning),
                Cell.Of(string.Empty, s.Alerts.Error),
                Cell.Of(string.Empty, s.Alerts.Critical),
                Cell.Of(string.Empty, s.Alerts.Acknowledged));
        }

        return table;
    }
}
