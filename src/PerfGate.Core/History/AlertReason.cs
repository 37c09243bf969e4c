namespace PerfGate.Core.History;

/// <summary>Why an alert was acknowledged: what the review found (docs/alerts.md). Stored as <see cref="Name"/>.</summary>
public enum AlertReason
{
    /// <summary>A real regression, to be fixed (or accepted for now).</summary>
    Real,

    /// <summary>A change made on purpose: the new level is the expected one.</summary>
    Expected,

    /// <summary>Nothing changed: the gate fired on noise.</summary>
    FalseAlarm,

    /// <summary>The runner or machine changed, not the code.</summary>
    Environment,
}

/// <summary>The one spelling of <see cref="AlertReason"/> in the history, the CLI and every output.</summary>
public static class AlertReasons
{
    /// <summary><c>real | expected | false-alarm | environment</c>, in this order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["real", "expected", "false-alarm", "environment"];

    public static string Name(AlertReason reason) => reason switch
    {
        AlertReason.Real => "real",
        AlertReason.Expected => "expected",
        AlertReason.FalseAlarm => "false-alarm",
        AlertReason.Environment => "environment",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The reason spelled <paramref name="name"/>, or null when it is none of <see cref="Names"/>.</summary>
    public static AlertReason? Parse(string? name) => name switch
    {
        "real" => AlertReason.Real,
        "expected" => AlertReason.Expected,
        "false-alarm" => AlertReason.FalseAlarm,
        "environment" => AlertReason.Environment,
        _ => null,
    };

    /// <summary>
    /// Whether an acknowledgement with this reason accepts the alert's value as the new level (the acknowledgement rule):
    /// yes for a real or expected change and for acknowledgements recorded before reasons existed; no for a false
    /// alarm or an environment change, where nothing in the code moved.
    /// </summary>
    public static bool AcceptsLevel(AlertReason? reason) => reason is null or AlertReason.Real or AlertReason.Expected;
}
