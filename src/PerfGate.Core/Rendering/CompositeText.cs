using System.Globalization;
using PerfGate.Core.Scores;

namespace PerfGate.Core.Rendering;

/// <summary>
/// The Performance Index and the Regression Score as every report writes them (docs/index-and-score.md): the same
/// words in the terminal, the PR comment, <c>perfgate status</c> and the end-of-job summary.
/// </summary>
public static class CompositeText
{
    /// <summary>
    /// The index out of 100, whole numbers; 100 only when every part scored 100 (99.6 shows as 99, so a full mark is
    /// never a rounding artefact).
    /// </summary>
    public static string IndexValue(PerformanceIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Whole(index.Value) + "/100";
    }

    /// <summary>A 0–100 score in whole numbers, 100 only when it is 100.</summary>
    private static string Whole(double score) =>
        (score >= 100 ? 100 : Math.Min(99, Math.Round(score, MidpointRounding.AwayFromZero))).ToString("0", CultureInfo.InvariantCulture);

    /// <summary><c>94/100 (6 of 7 targets met; lowest: APP-001 startup 80)</c>, or <c>no targets configured</c>.</summary>
    public static string Index(PerformanceIndex? index) =>
        index is null ? PerformanceIndex.Absent : IndexValue(index) + " " + IndexDetail(index);

    /// <summary><c>(6 of 7 targets met; lowest: APP-001 startup 80)</c>: the lowest part is named when it scored under 100.</summary>
    public static string IndexDetail(PerformanceIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var text = "(" + Units.Count(index.TargetsMet) + " of " + VerdictHeadline.Plural(index.Parts.Length, "target") + " met";
        var lowest = index.Parts[0];
        if (lowest.Score < 100)
        {
            text += "; lowest: " + lowest.Name + " " + Whole(lowest.Score);
        }

        return text + ")";
    }

    /// <summary>
    /// <c>-2.1% (95% CI -3.0% … -1.2%) against the history median over 14 benchmarks</c>, or <c>no reference</c>.
    /// Negative is slower.
    /// </summary>
    public static string Score(RegressionScore? score)
    {
        if (score is null)
        {
            return RegressionScore.Absent;
        }

        var interval = score.LowerPercent is { } l && score.UpperPercent is { } u
            ? " (95% CI " + Units.Interval(l, u) + ")"
            : string.Empty;
        return Units.SignedPercent(score.Percent) + interval + " against " + score.Reference + " over " + VerdictHeadline.Plural(score.Benchmarks, "benchmark");
    }

    /// <summary>The headline line of the terminal report: <c>Performance index: … · Regression score (negative = slower): …</c>.</summary>
    public static string Line(PerformanceIndex? index, RegressionScore? score) =>
        "Performance index: " + Index(index) + " · Regression score (negative = slower): " + Score(score);
}
