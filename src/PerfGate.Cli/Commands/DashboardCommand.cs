using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PerfGate.Cli.Output;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;
using PerfGate.Core.Rendering.Dashboard;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate dashboard --out &lt;dir&gt;</c>: writes the static HTML dashboard (docs/dashboard.md) from the history:
/// the baseline branch's series over time, the reference band, targets and alerts. Reads the history, never changes it.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliEnvironment env)
    {
        var outDir = new Option<string>("--out") { Description = "Folder to write index.html into (created when missing; the file is replaced atomically).", Required = true };
        var history = CommonOptions.History(env);
        var days = new Option<int?>("--days") { Description = "Only the last N days (default: everything the history keeps: raw runs, then daily aggregates)." };
        var branch = new Option<string>("--branch")
        {
            Description = "The branch whose runs are charted: the baseline branch. Pull request runs are left out (noise on a trend).",
            DefaultValueFactory = _ => "main",
        };
        var config = new Option<string?>("--config") { Description = "perfgate.json with targets and the rolling window (default: ./perfgate.json when present)." };
        var baseline = CommonOptions.Paths("--baseline", "The committed baseline folder (baselines/): its median and p5–p95 become the reference band (default: the rolling reference).", required: false);
        var title = new Option<string>("--title") { Description = "Page title.", DefaultValueFactory = _ => DashboardBuildOptions.DefaultTitle };
        var verbose = CommonOptions.Verbose();

        var command = new Command("dashboard", "Write a self-contained HTML dashboard of the history (trends, baseline band, targets, alerts).")
        {
            outDir, history, days, branch, config, baseline, title, verbose,
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () => Execute(
            env,
            parse.GetValue(outDir)!,
            parse.GetValue(history)!,
            parse.GetValue(days),
            parse.GetValue(branch)!,
            parse.GetValue(config),
            parse.GetValue(baseline) ?? [],
            parse.GetValue(title)!)));
        return command;
    }

    private static int Execute(CliEnvironment env, string outDir, string historyPath, int? days, string branch, string? config, string[] baselinePaths, string title)
    {
        if (days is <= 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--days must be a positive number of days, not {days}"));
        }

        if (string.IsNullOrWhiteSpace(branch))
        {
            throw new UsageException("--branch must name a branch");
        }

        var clock = Stopwatch.StartNew();
        var now = env.Clock.GetUtcNow();
        var options = new DashboardBuildOptions
        {
            Now = now,
            Branch = branch,
            From = days is { } d ? now - TimeSpan.FromDays(d) : null,
            Title = title,
            Gate = CheckCommand.LoadOptions(config, env),
            Baseline = baselinePaths.Length > 0 ? BaselineStore.LoadAny(baselinePaths.Select(env.Resolve)) : null,
        };

        using var store = HistoryAccess.OpenExisting(env, historyPath);
        if (store.GetLatestRun(branch) is null && store.GetLatestRun() is { } any)
        {
            throw new UsageException($"{store.Path}: no run recorded on branch '{branch}' (the latest run is on '{any.Branch}'); pass --branch");
        }

        var data = Read(store, options with { StoredTargets = [.. store.GetTargets()] }, env);
        var path = Write(data, env.Resolve(outDir));
        var points = data.Series.Sum(s => s.Points.Length);
        var kilobytes = new FileInfo(path).Length / 1024.0;
        env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perfgate: wrote {path} ({data.Series.Length} series, {points} points, {data.Alerts.Length} alerts, {kilobytes:F0} KB) in {clock.ElapsedMilliseconds} ms"));
        return ExitCodes.Pass;
    }

    /// <summary>Streams the branch's runs (oldest first), then each series' daily aggregates, into the builder.</summary>
    private static DashboardData Read(IHistoryOperations store, DashboardBuildOptions options, CliEnvironment env)
    {
        var builder = new DashboardDataBuilder(options);
        using (var progress = new ProgressLine(env, "reading history"))
        {
            foreach (var run in store.StreamRuns(options.From ?? DateTimeOffset.MinValue, DateTimeOffset.MaxValue, options.Branch))
            {
                builder.AddRun(run);
                progress.Report(builder.Runs, "runs");
            }

            var alerts = store.GetAlerts(options.From is { } from ? new AlertFilter { Since = from } : AlertFilter.All);
            var keys = builder.SeriesKeys.Concat(alerts.Select(a => a.SeriesKey)).Distinct(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < keys.Length; i++)
            {
                builder.AddAggregates(store.GetDailyAggregates(keys[i], options.Branch));
                progress.Report(i + 1, "series' daily aggregates", keys.Length);
            }

            return builder.Build(alerts);
        }
    }

    private static string Write(DashboardData data, string outDir)
    {
        try
        {
            return DashboardWriter.Write(data, outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{outDir}: cannot write the dashboard there ({e.Message})");
        }
    }
}
