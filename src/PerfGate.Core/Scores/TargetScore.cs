using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Scores;

/// <summary>
/// One figure held to a Tier 1 target, scored 0–100 for the <see cref="PerformanceIndex"/> with the seeds' formula
/// (design §7, <c>_calculate_derived_metrics</c>): <c>100 − 100·(current − target)/target</c>, clamped to 0–100 — 100 at
/// or better than the target, falling linearly to 0 at twice the target. A bigger-is-better figure mirrors it:
/// <c>100 − 100·(target − current)/target</c> = <c>100·current/target</c>, 0 at nothing. A target of 0 or below has no
/// scale to fall over: 100 when met, else 0.
/// </summary>
/// <param name="Figure">What is judged: <c>time</c> of a benchmark, or a metric id (<c>SVC-001</c>).</param>
/// <param name="Name">For people: the target's name, else the benchmark or metric.</param>
/// <param name="Current">This run's value, in <paramref name="Unit"/> (ns for time).</param>
/// <param name="Target">The configured target in the same unit.</param>
/// <param name="Severity">How the gate's Tier 1 judged the figure against the target's warning and error levels.</param>
public sealed record TargetScore(string Figure, string Name, double Current, double Target, string Unit, bool BiggerIsBetter, Severity Severity)
{
    public double Score
    {
        get
        {
            if (!(Target > 0))
            {
                var met = BiggerIsBetter ? Current >= Target : Current <= Target;
                return met ? 100 : 0;
            }

            var worseBy = BiggerIsBetter ? (Target - Current) / Target : (Current - Target) / Target;
            return Math.Clamp(100 - (100 * worseBy), 0, 100);
        }
    }

    /// <summary>True when the figure is at or better than its target.</summary>
    public bool Met => BiggerIsBetter ? Current >= Target : Current <= Target;
}
