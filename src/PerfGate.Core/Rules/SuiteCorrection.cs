using System.Collections.Immutable;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// Corrects every comparison's p-values for testing a whole suite at once, and returns them with the comparisons
/// (no comparison leaves without its corrected p-values):
/// <list type="bullet">
/// <item>failing: Benjamini–Hochberg over the benchmarks' deciding minimum-effect tests. When no benchmark slowed by
/// more than the warning threshold, the chance that any fails is at most α (BH controls the family-wise error under
/// the complete null); when several truly slowed, as a suite-wide regression does, each needs less evidence than
/// under Holm's correction, which is where a gate's power goes;</item>
/// <item>the comparisons that cannot decide (informational): their own BH family, so they neither dilute nor borrow;</item>
/// <item>warning: Benjamini–Hochberg over every comparison's "slower at all" test (false discovery rate: warnings stay few).</item>
/// </list>
/// </summary>
internal static class SuiteCorrection
{
    public static ImmutableArray<CorrectedComparison> Apply(IReadOnlyList<Comparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return [];
        }

        var fail = new double[comparisons.Count];
        foreach (var decides in new[] { true, false })
        {
            var indexes = Enumerable.Range(0, comparisons.Count).Where(i => comparisons[i].Decides == decides).ToArray();
            if (indexes.Length == 0)
            {
                continue;
            }

            var corrected = MultipleTesting.BenjaminiHochberg([.. indexes.Select(i => comparisons[i].Test.FailPValue)]);
            for (var k = 0; k < indexes.Length; k++)
            {
                fail[indexes[k]] = corrected[k];
            }
        }

        var warn = MultipleTesting.BenjaminiHochberg([.. comparisons.Select(c => c.Test.WarnPValue)]);
        return [.. comparisons.Select((c, i) => new CorrectedComparison(c, fail[i], warn[i], c.Test.ImprovementPValue))];
    }

    /// <summary>How many deciding tests the suite made: the per-test level a detectable change is quoted at is α over this.</summary>
    public static int DecidingTests(IEnumerable<CorrectedComparison> corrected) => corrected.Count(c => c.Comparison.Decides);
}
