namespace PerfGate.Core.Scores;

/// <summary>
/// One benchmark's time change against its reference, on the log scale (<c>ln(current / reference)</c>, positive =
/// slower), with the standard error and degrees of freedom of the test that judged it when there was one.
/// </summary>
public sealed record ScoredChange(string Id, double LogChange, double? StandardError = null, double? DegreesOfFreedom = null)
{
    /// <summary>The change of <paramref name="current"/> against <paramref name="reference"/>; null unless both are positive and finite.</summary>
    public static ScoredChange? Of(string id, double? reference, double? current) =>
        reference is { } r && current is { } c && r > 0 && c > 0 && double.IsFinite(r) && double.IsFinite(c)
            ? new ScoredChange(id, Math.Log(c / r))
            : null;
}
