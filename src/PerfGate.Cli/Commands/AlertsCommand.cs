using System.CommandLine;
using System.Globalization;
using PerfGate.Cli.Output;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate alerts</c>: the recorded alerts, newest first, with a footer of counts; <c>perfgate alerts ack</c>:
/// acknowledge one, which lets later runs pass while they stay within the acknowledged level (docs/alerts.md).
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliEnvironment env)
    {
        var severity = new Option<string?>("--severity") { Description = "Only alerts at least this severe: warning | error | critical." };
        severity.AcceptOnlyFromAmong("warning", "error", "critical");
        var unacknowledged = new Option<bool>("--unacknowledged") { Description = "Hide acknowledged alerts." };
        var days = new Option<int?>("--days") { Description = "Only alerts triggered in the last N days." };
        var series = new Option<string?>("--series") { Description = "Only alerts whose series (benchmark id or metric:ID) contains this text (case-insensitive)." };
        var limit = new Option<int?>("--limit") { Description = "At most N alerts (the newest)." };
        var history = CommonOptions.History(env);
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("alerts", "List the alerts recorded by 'perfgate check --record', newest first.")
        {
            severity, unacknowledged, days, series, limit, history, format, verbose, CreateAck(env),
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var filter = new AlertFilter
            {
                MinimumSeverity = parse.GetValue(severity) is { } s ? Enum.Parse<Severity>(s, ignoreCase: true) : null,
                UnacknowledgedOnly = parse.GetValue(unacknowledged),
                Since = parse.GetValue(days) is { } n ? env.Clock.GetUtcNow().AddDays(-Positive(n, "--days")) : null,
                SeriesContains = parse.GetValue(series),
                Limit = parse.GetValue(limit) is { } l ? Positive(l, "--limit") : null,
            };
            using var store = HistoryAccess.OpenExisting(env, parse.GetValue(history)!);
            var alerts = store.GetAlerts(filter);
            Write(alerts, parse.GetValue(format), env);
            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary>The alert table: one row per alert, in the store's order (newest first).</summary>
    internal static Table Rows(IReadOnlyList<StoredAlert> alerts)
    {
        var table = new Table(
            "",
            Column.Number("Id", "id"),
            Column.Text("Time (UTC)", "time"),
            Column.Text("Severity", "severity"),
            Column.Text("Tier", "tier"),
            Column.Text("Series", "series"),
            Column.Text("Metric", "metric"),
            Column.Number("Current", "current"),
            Column.Number("Expected", "expected"),
            Column.Number("Change", "changePercent"),
            Column.Number("Run", "runId"),
            Column.Text("Commit", "commit"),
            Column.Text("Acknowledged by", "acknowledgedBy"),
            Column.Text("Acknowledged at", "acknowledgedAt"),
            Column.Text("Notes", "notes"),
            Column.Text("Reason", "reason"));
        foreach (var a in alerts)
        {
            var severity = Name(a.Severity);
            var tier = Name(a.Tier);
            table.Add(
                Cell.Of(a.Id.ToString(CultureInfo.InvariantCulture), a.Id),
                Cell.Of(Time(a.TriggeredAt), a.TriggeredAt),
                Cell.Of(severity, severity),
                Cell.Of(tier, tier),
                Cell.Of(DisplayName(a.SeriesKey), a.SeriesKey),
                Cell.Of(a.Metric, a.Metric),
                Cell.Of(Units.Figure(a.Metric, a.CurrentValue), Finite(a.CurrentValue)),
                Cell.Of(Units.Figure(a.Metric, a.ExpectedValue), Finite(a.ExpectedValue)),
                Cell.Of(Units.SignedPercent(a.DeviationPercent), Finite(a.DeviationPercent)),
                Cell.Of(a.RunId is { } run ? "#" + run.ToString(CultureInfo.InvariantCulture) : "pruned", a.RunId),
                Cell.Of(a.Commit is { } c ? c[..Math.Min(8, c.Length)] : "–", a.Commit),
                Cell.Of(a.AcknowledgedBy ?? "", a.AcknowledgedBy),
                Cell.Of(a.AcknowledgedAt is { } at ? Time(at) : "", a.AcknowledgedAt),
                Cell.Of(a.Notes ?? "", a.Notes),
                Cell.Of(a.Reason is { } r ? AlertReasons.Name(r) : "", a.Reason is { } why ? AlertReasons.Name(why) : null));
        }

        return table;
    }

    /// <summary><c>5 alerts: 2 critical, 3 error, 0 warning; 1 acknowledged, 4 open</c>.</summary>
    internal static string Footer(IReadOnlyList<StoredAlert> alerts)
    {
        var acknowledged = alerts.Count(a => a.Acknowledged);
        return string.Create(CultureInfo.InvariantCulture,
            $"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}: {Count(alerts, Severity.Critical)} critical, {Count(alerts, Severity.Error)} error, {Count(alerts, Severity.Warning)} warning; {acknowledged} acknowledged, {alerts.Count - acknowledged} open");
    }

    /// <summary>A series key for people: the benchmark without its namespace (<c>ParserBenchmarks.Join(…) [job]</c>), or <c>metric:ID</c> as it is.</summary>
    internal static string DisplayName(string seriesKey)
    {
        if (SeriesKey.IsMetric(seriesKey))
        {
            return seriesKey;
        }

        var end = seriesKey.IndexOfAny(['(', ' ', '[']);
        var head = end < 0 ? seriesKey : seriesKey[..end];
        var methodDot = head.LastIndexOf('.');
        var typeDot = methodDot > 0 ? head.LastIndexOf('.', methodDot - 1) : -1;
        return typeDot < 0 ? seriesKey : seriesKey[(typeDot + 1)..];
    }

    private static Command CreateAck(CliEnvironment env)
    {
        var id = new Option<long>("--id") { Description = "The alert's id (the first column of 'perfgate alerts').", Required = true };
        var notes = new Option<string>("--notes") { Description = "Why the change is accepted (required).", Required = true };
        var by = new Option<string?>("--by") { Description = "Who acknowledges (default: GITHUB_ACTOR, then USER or USERNAME)." };
        var reason = new Option<string>("--reason")
        {
            Description = "What the review found: real (a regression) | expected (changed on purpose) | false-alarm (noise) | environment (the runner changed). "
                          + "Counted by 'perfgate report'; false-alarm and environment accept no new level. Default: expected.",
            DefaultValueFactory = _ => "expected",
        };
        reason.Validators.Add(result =>
        {
            if (AlertReasons.Parse(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--reason must be one of {string.Join(" | ", AlertReasons.Names)} (got '{result.GetValueOrDefault<string>()}')");
            }
        });
        var history = CommonOptions.History(env);
        var verbose = CommonOptions.Verbose();
        var ack = new Command("ack", "Acknowledge an alert: later runs of its series and metric pass while they stay within the acknowledged level (docs/alerts.md).")
        {
            id, notes, reason, by, history, verbose,
        };
        ack.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var alertId = parse.GetValue(id);
            var text = parse.GetValue(notes)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                throw new UsageException("--notes must say why the change is accepted (it is shown wherever the acknowledgement lets a run pass)");
            }

            var who = parse.GetValue(by)?.Trim() is { Length: > 0 } given ? given : env.Get("GITHUB_ACTOR") ?? env.Get("USER") ?? env.Get("USERNAME")
                ?? throw new UsageException("who is acknowledging? pass --by NAME (no GITHUB_ACTOR, USER or USERNAME in the environment)");

            using var store = HistoryAccess.OpenExisting(env, parse.GetValue(history)!);
            var found = store.GetAlerts(new AlertFilter { Id = alertId });
            var alert = (found.Count > 0 ? found[0] : null)
                        ?? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"no alert #{alertId} in {store.Path}; 'perfgate alerts' lists them"));
            if (alert.Acknowledged)
            {
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"perfgate: alert #{alert.Id} was already acknowledged by {alert.AcknowledgedBy} on {alert.AcknowledgedAt:yyyy-MM-dd}: \"{alert.Notes}\"; that acknowledgement is kept"));
                return ExitCodes.Pass;
            }

            var why = AlertReasons.Parse(parse.GetValue(reason)) ?? throw new UsageException($"--reason must be one of {string.Join(" | ", AlertReasons.Names)}");
            if (!store.Acknowledge(alert.Id, who, text, env.Clock.GetUtcNow(), why))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"alert #{alertId} disappeared from {store.Path}"));
            }

            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"perfgate: acknowledged alert #{alert.Id} ({Name(alert.Severity)}, {DisplayName(alert.SeriesKey)}, {alert.Metric} {Units.Figure(alert.Metric, alert.CurrentValue)}) by {who} as {AlertReasons.Name(why)}: \"{text}\""));
            return ExitCodes.Pass;
        }));
        return ack;
    }

    private static void Write(IReadOnlyList<StoredAlert> alerts, OutputFormat format, CliEnvironment env)
    {
        var table = Rows(alerts);
        switch (format)
        {
            case OutputFormat.Json:
                TableWriter.WriteJson(new AlertsDocument(TableWriter.Rows(table), Counts(alerts)), CliJson.Documents.AlertsDocument, env.Out);
                break;
            case OutputFormat.Csv:
                TableWriter.Write(table, format, env);
                break;
            default:
                if (alerts.Count > 0)
                {
                    TableWriter.Write(table, format, env);
                    env.Out.WriteLine();
                }

                env.Out.WriteLine(Footer(alerts));
                WriteSteps(alerts, env);
                break;
        }
    }

    /// <summary>Trend-tier alerts are steps on main; the table cannot say where the step is, so each gets a line.</summary>
    private static void WriteSteps(IReadOnlyList<StoredAlert> alerts, CliEnvironment env)
    {
        var steps = alerts.Where(a => a.Tier == Tier.Trend).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        env.Out.WriteLine();
        env.Out.WriteLine("Steps on main (trend tier):");
        foreach (var a in steps)
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  #{a.Id} {DisplayName(a.SeriesKey)}: {a.Message}"));
        }
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be a positive whole number (got {value})"));

    private static int Count(IEnumerable<StoredAlert> alerts, Severity severity) => alerts.Count(a => a.Severity == severity);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The footer's counts, for programs.</summary>
    private static AlertsCounts Counts(IReadOnlyList<StoredAlert> alerts)
    {
        var acknowledged = alerts.Count(a => a.Acknowledged);
        return new(alerts.Count, Count(alerts, Severity.Critical), Count(alerts, Severity.Error), Count(alerts, Severity.Warning), acknowledged, alerts.Count - acknowledged);
    }
}
