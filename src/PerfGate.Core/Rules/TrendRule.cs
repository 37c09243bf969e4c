using System.Globalization;
using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Tier 3: a lasting step on main. The benchmark's main-branch series (the log estimates of the history window, oldest
/// first, outliers included; plus this run when it is a main run) is searched for change points
/// (<see cref="ChangePointDetector"/>: E-divisive means with a seeded permutation test, a jump that must stand beyond a
/// straight-line drift, at least <see cref="TrendOptions.MinimumRunsAfter"/> runs at the new level). The newest step
/// up is the tier's answer. On a main run it is a warning finding (recorded as an alert of the trend tier); on a pull
/// request it is context: main moved before the PR's base, the PR did not cause it. It never fails the build.
/// This replaced the least-squares slope of the seeds' §4.1 (docs/how-the-gate-decides.md says why).
/// </summary>
internal static class TrendRule
{
    /// <summary>The newest lasting step up in the series (with <paramref name="current"/> appended when given), or null.</summary>
    public static MainStep? Find(HistoryReference history, RunEstimate? current, GateOptions options)
    {
        var trend = options.Trend;
        var runs = history.Runs;
        if (!trend.Enabled || runs.Length + (current is null ? 0 : 1) < trend.MinimumRuns)
        {
            return null;
        }

        var series = runs.Select(r => r.LogValue).ToList();
        if (current is not null)
        {
            series.Add(current.LogValue);
        }

        var analysis = ChangePointDetector.Detect(series, trend.ChangePoints);
        if (analysis.Steps.LastOrDefault() is not { IsIncrease: true } step || step.Index >= runs.Length)
        {
            return null;
        }

        var before = series.GetRange(step.Index - step.RunsBefore, step.RunsBefore);
        return new MainStep(step, runs[step.Index], Math.Exp(Quantiles.Median(before)));
    }

    /// <summary>The warning a main run gets for the step.</summary>
    public static Finding ToFinding(MainStep step, RunEstimate current) => new()
    {
        Tier = Tier.Trend,
        Severity = Severity.Warning,
        Metric = "time",
        Message = step.Describe(),
        Current = current.Value,
        Expected = step.LevelBefore,
        ChangePercent = step.Step.Percent,
        PValue = step.Step.PValue,
    };
}

/// <summary>A lasting step found on main: the change point and the first run at the new level.</summary>
/// <param name="LevelBefore">Median time (ns) of the runs before the step.</param>
public sealed record MainStep(ChangePoint Step, HistoryRun FirstRunAfter, double LevelBefore)
{
    /// <summary><c>step of +23.0% (95% CI +18% … +28%) at commit abc1234, run #45; 6 runs at the new level</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"step of {Units.SignedPercent(Step.Percent)} (95% CI {Units.Interval(Step.LowerPercent, Step.UpperPercent)}) at {Where(FirstRunAfter)}; {Step.RunsAfter} runs at the new level");

    /// <summary><c>commit abc1234, run #45</c> (or just the run when it has no commit).</summary>
    public static string Where(HistoryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = string.Create(CultureInfo.InvariantCulture, $"run #{run.RunId}");
        return run.Commit is { Length: > 0 } c ? $"commit {c[..Math.Min(7, c.Length)]}, {id}" : id;
    }
}

/// <summary>Every lasting step (up and down) in a series of main runs, for <c>perfgate status</c> and the dashboard. Pure.</summary>
public static class MainStepScan
{
    /// <summary>How many of the newest main runs are searched (the E-divisive search is O(n²) per permutation, up to 199 permutations per split).</summary>
    public const int Runs = 60;

    /// <summary>The steps in <paramref name="newestFirst"/> (a series' main-branch points, newest first), oldest step first.</summary>
    public static ImmutableArray<MainStep> Find(IReadOnlyList<HistoryPoint> newestFirst, TrendOptions options)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return [];
        }

        // Oldest first; called once per series by status (a thousand series are common): loops, not LINQ chains.
        var runs = new List<HistoryRun>(Math.Min(Runs, newestFirst.Count));
        for (var i = Math.Min(Runs, newestFirst.Count) - 1; i >= 0; i--)
        {
            var point = newestFirst[i];
            if (RunEstimate.From(point) is { } estimate)
            {
                runs.Add(new HistoryRun(point.RunId, point.Commit, point.Timestamp, estimate.LogValue));
            }
        }

        if (runs.Count < options.MinimumRuns)
        {
            return [];
        }

        var logs = new List<double>(runs.Count);
        foreach (var run in runs)
        {
            logs.Add(run.LogValue);
        }

        var steps = ChangePointDetector.Detect(logs, options.ChangePoints).Steps;
        return steps.IsEmpty
            ? []
            : [.. steps.Select(s => new MainStep(s, runs[s.Index], Math.Exp(Quantiles.Median(logs.GetRange(s.Index - s.RunsBefore, s.RunsBefore)))))];
    }
}
