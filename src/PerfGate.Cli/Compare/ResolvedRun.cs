using System.Globalization;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Compare;

/// <summary>One side of a comparison, loaded: the run and where it came from (a recorded run or a path).</summary>
internal sealed record ResolvedRun(BenchmarkRun Run, RunReferenceKind ResolvedAs, StoredRun? Stored, string? Path)
{
    /// <summary>One line for people: <c>run #30 on main, commit 001dcccccccc, 2026-11-30 12:00 UTC</c> or the path.</summary>
    public string Description => Stored is { } s
        ? string.Create(CultureInfo.InvariantCulture,
            $"run #{s.Id} on {s.Branch}, commit {Short(s.Commit)}, {s.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Run.Results.Length} benchmarks")
        : string.Create(CultureInfo.InvariantCulture, $"{Path}, {Run.Results.Length} benchmarks");

    public static string Short(string? commit) => commit is null ? "–" : commit.Length > 12 ? commit[..12] : commit;
}
