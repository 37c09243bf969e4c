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
    /// True when this run is not on the baseline branch (a pull request or another branch): a step the history shows on
    /// main is then context for the PR comment (<see cref="Verdicts.Verdict.MainSteps"/>), not a finding of this run.
    /// </summary>
    public bool OffBaselineBranch { get; init; }

    /// <summary>
    /// Acknowledged alerts of this run's series (docs/alerts.md): a failing finding within the acknowledged level is
    /// downgraded to a warning. The caller chooses which count (the CLI: those recorded on the baseline branch).
    /// </summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];

    /// <summary>
    /// The newest acknowledgement time of any alert per series, whatever its reason (a false alarm too): a step on main
    /// whose first run is older than this has been looked at, so it is no longer PR context. Series without one are absent.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastReviewed { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>
    /// Same-runner A/B rounds (SPEC §3b), in order; empty for a single run. When given, the primary reference for
    /// every time benchmark is the base measured in the same round, <see cref="Current"/> must be the head pooled over
    /// every round (<see cref="Results.AbRounds.PoolHeads"/>), and no runner-shift correction applies.
    /// </summary>
    public ImmutableArray<AbRound> Rounds { get; init; } = [];

    /// <summary>
    /// How many of <see cref="Rounds"/> were screening rounds run for every benchmark; a benchmark measured in more
    /// rounds than this had confirmation rounds ("cleared after N rounds"). 0 means all rounds were screening.
    /// </summary>
    public int ScreeningRounds { get; init; }
}
