using System.Collections.Immutable;
using PerfGate.Core.History;

namespace PerfGate.Core.Operations;

/// <summary>
/// Alerts counted by what their review found (<see cref="AlertReason"/>). <see cref="FalseAlarmRate"/> is false
/// alarms ÷ reviewed alerts (those acknowledged with a reason); environment changes are counted apart, since the
/// numbers did move, only not because of the code.
/// </summary>
public sealed record ReviewCounts(int Real, int Expected, int FalseAlarm, int Environment, int NoReason, int Unreviewed)
{
    public static ReviewCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => Reviewed + NoReason + Unreviewed;

    /// <summary>Alerts acknowledged with a reason.</summary>
    public int Reviewed => Real + Expected + FalseAlarm + Environment;

    /// <summary>False alarms ÷ reviewed alerts; null when none was reviewed.</summary>
    public double? FalseAlarmRate => Reviewed > 0 ? (double)FalseAlarm / Reviewed : null;

    /// <summary>False alarms and environment changes together: alerts that were not about the code.</summary>
    public int NotTheCode => FalseAlarm + Environment;

    public ReviewCounts Add(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return !alert.Acknowledged
            ? this with { Unreviewed = Unreviewed + 1 }
            : alert.Reason switch
            {
                AlertReason.Real => this with { Real = Real + 1 },
                AlertReason.Expected => this with { Expected = Expected + 1 },
                AlertReason.FalseAlarm => this with { FalseAlarm = FalseAlarm + 1 },
                AlertReason.Environment => this with { Environment = Environment + 1 },
                _ => this with { NoReason = NoReason + 1 },
            };
    }
}

/// <summary>One series' reviewed alerts, with advice when most of them were not about the code.</summary>
public sealed record AlertQualityRow(string SeriesKey, ReviewCounts Counts, string? Advice);

/// <summary>What <c>perfgate report</c> says about the alerts of its window: per series and overall.</summary>
public sealed record AlertQuality(ReviewCounts Overall, ImmutableArray<AlertQualityRow> Series)
{
    /// <summary>Fewest reviewed alerts before a series is named as mostly false.</summary>
    public const int MinimumReviewed = 2;

    /// <summary>
    /// Counts the alerts per series; a series with at least <see cref="MinimumReviewed"/> reviewed alerts of which more
    /// than half were false alarms or environment changes gets advice. Rows: most false alarms first, then by series key. Pure.
    /// </summary>
    public static AlertQuality Of(IEnumerable<StoredAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var overall = ReviewCounts.None;
        var bySeries = new Dictionary<string, ReviewCounts>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            overall = overall.Add(alert);
            bySeries[alert.SeriesKey] = (bySeries.TryGetValue(alert.SeriesKey, out var c) ? c : ReviewCounts.None).Add(alert);
        }

        var rows = bySeries
            .Select(p => new AlertQualityRow(p.Key, p.Value, Advice(p.Value)))
            .OrderByDescending(r => r.Counts.NotTheCode)
            .ThenBy(r => r.SeriesKey, StringComparer.Ordinal);
        return new AlertQuality(overall, [.. rows]);
    }

    /// <summary>What to do about a series whose alerts are mostly not about the code; null when they are not.</summary>
    public static string? Advice(ReviewCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Reviewed < MinimumReviewed || counts.NotTheCode * 2 <= counts.Reviewed)
        {
            return null;
        }

        return counts.FalseAlarm >= counts.Environment
            ? "mostly false alarms: measure it with more launches (LaunchCount) or a longer iteration (IterationTime) so its noise shrinks, "
              + "or exclude it in perfgate.json (\"benchmarks\": [{ \"match\": \"…\", \"ignore\": true }])"
            : "mostly runner changes: judge it on the same runner (perfgate ab), keep the history per machine (no --any-machine), "
              + "or exclude it in perfgate.json (\"benchmarks\": [{ \"match\": \"…\", \"ignore\": true }])";
    }
}
