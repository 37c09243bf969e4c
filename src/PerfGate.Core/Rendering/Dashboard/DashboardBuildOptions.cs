using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>What <see cref="DashboardDataBuilder"/> needs besides the history: the page's "now", the branch, the range and the references.</summary>
public sealed record DashboardBuildOptions
{
    public const string DefaultTitle = "PerfGate dashboard";

    /// <summary>The page's "now" (<see cref="DashboardData.GeneratedAt"/>); the builder never reads a clock.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The branch whose runs are charted (the baseline branch); runs, aggregates and alerts of other branches are left out.</summary>
    public string Branch { get; init; } = "main";

    /// <summary>Oldest time shown (<c>--days</c>); null keeps everything the history holds.</summary>
    public DateTimeOffset? From { get; init; }

    public string Title { get; init; } = DefaultTitle;

    /// <summary>Targets (matched as the gate matches them, <see cref="Rules.TargetMatcher"/>) and the rolling window size (<see cref="StatisticsOptions.HistoryWindow"/>).</summary>
    public GateOptions Gate { get; init; } = GateOptions.Default;

    /// <summary>Targets stored in the history, used for a series the configuration gives no target.</summary>
    public ImmutableArray<PerformanceTarget> StoredTargets { get; init; } = [];

    /// <summary>The committed baseline; when it has a series, it gives that series' median and p5–p95 band instead of the rolling reference.</summary>
    public BenchmarkRun? Baseline { get; init; }
}
