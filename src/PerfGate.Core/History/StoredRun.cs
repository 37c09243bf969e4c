using System.Collections.Immutable;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>A recorded run's header (no results).</summary>
public sealed record StoredRun(
    long Id,
    DateTimeOffset Timestamp,
    string Branch,
    string? Commit,
    int? PullRequest,
    HostFingerprint Host,
    ResultDetail Detail,
    ImmutableArray<string> Sources)
{
    public string FingerprintKey => Host.Key;
}
