using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Core.Rules;

/// <summary>
/// Everything the gate judges, already read from disk: this run, the committed baseline, and the recent
/// main-branch history (newest first per series key). The gate itself does no I/O and reads no clock.
/// </summary>
public sealed record GateInput
{
    public required BenchmarkRun Current { get; init; }

    public BenchmarkRun? Baseline { get; init; }

    public IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> History { get; init; } =
        ImmutableDictionary<string, ImmutableArray<HistoryPoint>>.Empty;

    public GateOptions Options { get; init; } = GateOptions.Default;

    public string? HeadCommit { get; init; }

    public string? HeadBranch { get; init; }

    /// <summary>
    /// Acknowledged alerts of this run's series (docs/alerts.md): a failing finding within the acknowledged level is
    /// downgraded to a warning. The caller chooses which count (the CLI: those recorded on the baseline branch).
    /// </summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];
}
