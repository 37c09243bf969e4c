using System.Collections.Immutable;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Scores;

/// <summary>
/// The seeds' Performance Index (design §1.3: "composite score based on all metrics vs targets"): the arithmetic mean
/// of every targeted figure's <see cref="TargetScore.Score"/>, 0–100, higher is better. Only figures with a configured
/// target count; with none there is no index (<see cref="From"/> returns null) rather than an invented 100.
/// docs/index-and-score.md gives the formula with examples.
/// </summary>
public sealed record PerformanceIndex
{
    private PerformanceIndex(double value, ImmutableArray<TargetScore> parts)
    {
        Value = value;
        Parts = parts;
    }

    /// <summary>0–100.</summary>
    public double Value { get; }

    /// <summary>Every scored figure, lowest score first (then by name).</summary>
    public ImmutableArray<TargetScore> Parts { get; }

    public int TargetsMet => Parts.Count(p => p.Met);

    /// <summary>The worst Tier 1 severity among the parts: what a mark next to the index may honestly claim.</summary>
    public Severity Severity => Parts.Select(p => p.Severity).DefaultIfEmpty(Severity.Ok).Max();

    /// <summary>The index of <paramref name="parts"/>; null when there is none (no target configured, or none applied to this run).</summary>
    public static PerformanceIndex? From(IEnumerable<TargetScore> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.Where(p => double.IsFinite(p.Current) && double.IsFinite(p.Target)).ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var ordered = list.OrderBy(p => p.Score).ThenBy(p => p.Name, StringComparer.Ordinal).ToImmutableArray();
        return new PerformanceIndex(list.Average(p => p.Score), ordered);
    }

    /// <summary>What every output says when there is no index.</summary>
    public const string Absent = "no targets configured";
}
