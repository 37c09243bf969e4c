using System.Globalization;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>How the operations verbs show series figures and runs to people (raw numbers go to CSV and JSON).</summary>
internal static class SeriesText
{
    /// <summary>A severity as a status word with a symbol: <c>✅ ok</c>, <c>⚠️ warning</c>, <c>❌ error</c>, <c>❌ critical</c>.</summary>
    public static string Status(Severity severity) => severity switch
    {
        Severity.Critical => "❌ critical",
        Severity.Error => "❌ error",
        Severity.Warning => "⚠️ warning",
        _ => "✅ ok",
    };

    /// <summary>The lower-case name CSV and JSON carry (<c>ok|warning|error|critical</c>).</summary>
    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>A commit shortened for people: seven hex digits and an ellipsis.</summary>
    public static string ShortCommit(string? commit) => commit switch
    {
        null or "" => "no commit",
        { Length: > 7 } c => c[..7] + "…",
        var c => c,
    };

    /// <summary>A UTC time for people, to the minute: <c>2026-11-30 12:00 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One line naming a run: <c>#30 on main, 0030ccc… at 2026-11-30 12:00 UTC</c>.</summary>
    public static string Run(StoredRun run) =>
        string.Create(CultureInfo.InvariantCulture, $"#{run.Id} on {run.Branch}, {ShortCommit(run.Commit)} at {Time(run.Timestamp)}");
}
