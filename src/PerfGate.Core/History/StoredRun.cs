namespace PerfGate.Core.History;

/// <summary>One recorded run's header.</summary>
public sealed record StoredRun(
    long Id,
    DateTimeOffset RecordedAt,
    string Branch,
    string? Commit,
    int? PullRequest,
    string FingerprintKey,
    string BenchmarkDotNetVersion,
    int ResultCount);
