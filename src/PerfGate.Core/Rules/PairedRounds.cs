using System.Collections.Immutable;
using PerfGate.Core.Results;

namespace PerfGate.Core.Rules;

/// <summary>
/// One benchmark's same-runner A/B evidence (SPEC §3b): for every round that measured it on both sides, the log of
/// head over base, each side's round estimate being the mean of its launches' log medians. The round, not the
/// iteration, is the replicate: what the runner does to both sides of a round cancels in the difference.
/// </summary>
public sealed record PairedRounds
{
    /// <summary>log(head) − log(base) per round, in round order.</summary>
    public required ImmutableArray<double> LogDifferences { get; init; }

    /// <summary>Mean over rounds of the base side's log estimate.</summary>
    public required double BaseLogValue { get; init; }

    /// <summary>Mean over rounds of the head side's log estimate.</summary>
    public required double HeadLogValue { get; init; }

    public required int BaseLaunches { get; init; }

    public required int HeadLaunches { get; init; }

    public int Count => LogDifferences.Length;

    public double MeanLogDifference => LogDifferences.Average();

    /// <summary>Sample variance of the per-round differences (n − 1); null with one round.</summary>
    public double? Variance => Count >= 2 ? HistoryReference.SampleVariance(LogDifferences) : null;

    /// <summary>The pairs of <paramref name="key"/> across <paramref name="rounds"/>; null when no round measured it on both sides.</summary>
    public static PairedRounds? From(string key, IReadOnlyList<AbRound> rounds)
    {
        var differences = ImmutableArray.CreateBuilder<double>();
        double baseSum = 0, headSum = 0;
        int baseLaunches = 0, headLaunches = 0;
        foreach (var round in rounds)
        {
            var b = Find(round.Base, key);
            var h = Find(round.Head, key);
            if (b is null || h is null || RunEstimate.From(b) is not { } be || RunEstimate.From(h) is not { } he)
            {
                continue;
            }

            differences.Add(he.LogValue - be.LogValue);
            baseSum += be.LogValue;
            headSum += he.LogValue;
            baseLaunches += be.Launches;
            headLaunches += he.Launches;
        }

        if (differences.Count == 0)
        {
            return null;
        }

        return new PairedRounds
        {
            LogDifferences = differences.ToImmutable(),
            BaseLogValue = baseSum / differences.Count,
            HeadLogValue = headSum / differences.Count,
            BaseLaunches = baseLaunches,
            HeadLaunches = headLaunches,
        };
    }

    private static BenchmarkResult? Find(BenchmarkRun run, string key)
    {
        foreach (var r in run.Results)
        {
            if (r.Id.Key == key && !r.FailedToRun)
            {
                return r;
            }
        }

        return null;
    }
}
