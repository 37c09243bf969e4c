namespace PerfGate.Core.History;

/// <summary>
/// An absolute budget for a series (tier 1), as configured: the target and the warning and error levels in
/// <see cref="Unit"/>. <see cref="UpdatedAt"/> is set when read back from the history.
/// </summary>
public sealed record PerformanceTarget(
    string SeriesKey,
    double Target,
    double? Warning,
    double? Error,
    string Unit,
    string? Description = null,
    bool Active = true)
{
    public DateTimeOffset? UpdatedAt { get; init; }
}
