namespace PerfGate.Core.History;

/// <summary>
/// A run's row of <c>run_steps</c> (migration 3): the steps computed when it was recorded, as
/// <see cref="Rules.RunStepsCodec"/> encodes them, with the keys that say what they were computed from
/// (<see cref="Rules.RecordedSteps"/> makes and checks them). Derived data: a reader trusts it only while both keys match.
/// </summary>
/// <param name="TrendKey">The trend settings and scan the steps came from (<see cref="Rules.RecordedSteps.TrendKey"/>).</param>
/// <param name="WindowKey">The branch's runs they were searched in (<see cref="Rules.RecordedSteps.WindowKey"/>).</param>
/// <param name="Steps">The encoded steps.</param>
public sealed record StoredRunSteps(long RunId, string TrendKey, string WindowKey, byte[] Steps);
