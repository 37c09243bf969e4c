using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>Which alerts to read; every criterion is optional. Results come newest first.</summary>
public sealed record AlertFilter
{
    public static AlertFilter All { get; } = new();

    public static AlertFilter Unacknowledged { get; } = new() { UnacknowledgedOnly = true };

    /// <summary>Only alerts at least this severe.</summary>
    public Severity? MinimumSeverity { get; init; }

    public bool UnacknowledgedOnly { get; init; }

    /// <summary>Only alerts triggered at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    public long? RunId { get; init; }

    /// <summary>Only the alert with this id.</summary>
    public long? Id { get; init; }

    /// <summary>Only alerts whose series key contains this text (ASCII case-insensitive).</summary>
    public string? SeriesContains { get; init; }

    public int? Limit { get; init; }
}
