namespace PerfGate.Core.Verdicts;

/// <summary>
/// One rule's conclusion about one figure of one benchmark (or of the run). <see cref="Message"/> is a full
/// sentence for people; the numbers are there for machines. Percentages are signed: positive is worse.
/// </summary>
public sealed record Finding
{
    public required Tier Tier { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>What was judged: <c>time</c>, <c>allocated</c>, or a metric id such as <c>SVC-001</c>.</summary>
    public required string Metric { get; init; }

    public required string Message { get; init; }

    /// <summary>True when this finding alone fails the build.</summary>
    public bool Fails { get; init; }

    public double? Current { get; init; }

    public double? Expected { get; init; }

    public double? ChangePercent { get; init; }

    /// <summary>The p-value behind a statistical finding, after the suite-wide correction; null for other tiers.</summary>
    public double? PValue { get; init; }

    /// <summary>The acknowledged alert that let this otherwise failing finding pass as a warning (docs/alerts.md); null otherwise.</summary>
    public long? AcknowledgedAlertId { get; init; }
}
