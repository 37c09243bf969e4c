using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.History;

/// <summary>How enums are spelled in the history file: lower case, readable in the sqlite3 shell, stable across renames of C# members.</summary>
internal static class StoredNames
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Ok => "ok",
        Severity.Warning => "warning",
        Severity.Error => "error",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static Severity ParseSeverity(string text) => text switch
    {
        "ok" => Severity.Ok,
        "warning" => Severity.Warning,
        "error" => Severity.Error,
        "critical" => Severity.Critical,
        _ => throw new FormatException($"unknown severity '{text}'"),
    };

    /// <summary>One spelling of tiers everywhere: the history stores what every output shows.</summary>
    public static string Of(Tier tier) => Rendering.Tiers.Name(tier);

    public static Tier ParseTier(string text) => Rendering.Tiers.ParseTier(text);

    public static string Of(ResultDetail detail) => detail switch
    {
        ResultDetail.Measurements => "measurements",
        ResultDetail.StatisticsOnly => "statistics-only",
        _ => throw new ArgumentOutOfRangeException(nameof(detail), detail, null),
    };

    public static ResultDetail ParseDetail(string text) => text switch
    {
        "measurements" => ResultDetail.Measurements,
        "statistics-only" => ResultDetail.StatisticsOnly,
        _ => throw new FormatException($"unknown result detail '{text}'"),
    };
}
