using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>A run as the history stores it: the results plus where and when it was measured.</summary>
public sealed record RecordedRun(BenchmarkRun Run, string Branch, string? Commit, int? PullRequest, DateTimeOffset Timestamp);
