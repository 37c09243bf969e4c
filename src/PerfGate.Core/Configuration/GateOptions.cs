using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace PerfGate.Core.Configuration;

/// <summary>
/// Everything <c>perfgate check</c> can be told, with the documented defaults (docs/configuration.md).
/// Read from <c>perfgate.json</c> by <see cref="GateOptionsLoader"/>; <see cref="Default"/> when there is none.
/// </summary>
public sealed record GateOptions
{
    /// <summary>
    /// A fresh instance with the documented defaults. The option types are plain settable records so that perfgate.json is
    /// read by System.Text.Json's source generator (no reflection at start, docs/performance.md); a new instance per
    /// call means no caller can change the defaults another sees.
    /// </summary>
    public static GateOptions Default => new();

    public ThresholdOptions Thresholds { get; set; } = new();

    public StatisticsOptions Statistics { get; set; } = new();

    public TrendOptions Trend { get; set; } = new();

    public ExactOptions Allocations { get; set; } = new();

    public ExactOptions Metrics { get; set; } = new() { TolerancePercent = 0, ToleranceAbsolute = 0 };

    /// <summary>Tier 1 budgets, per benchmark (glob over the id) or per metric id.</summary>
    public ImmutableArray<TargetOptions> Targets { get; set; } = [];

    /// <summary>Per-benchmark overrides, matched by glob over the benchmark id, first match wins.</summary>
    public ImmutableArray<BenchmarkOverride> Benchmarks { get; set; } = [];
}

/// <summary>Change thresholds in percent (positive = worse). Critical is <see cref="CriticalFactor"/> × the fail threshold.</summary>
public sealed record ThresholdOptions
{
    public double WarningPercent { get; set; } = 10;

    public double FailPercent { get; set; } = 20;

    public double CriticalFactor { get; set; } = 1.5;

    public double CriticalPercent => FailPercent * CriticalFactor;

    /// <summary>
    /// How far, in percent, a figure may move beyond an acknowledged alert's value and still pass (docs/alerts.md);
    /// null (the default) means the warning threshold of the benchmark (<see cref="WarningPercent"/> or its override).
    /// </summary>
    public double? AcknowledgementSlackPercent { get; set; }
}

public sealed record StatisticsOptions
{
    /// <summary>
    /// Significance level across the whole suite for failing and warning findings (Benjamini–Hochberg over the
    /// benchmarks' deciding tests: when nothing regressed, the chance that anything fails is at most this).
    /// </summary>
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>Rolling window: how many recent main-branch runs the history tiers use (seeds: N = 20).</summary>
    public int HistoryWindow { get; set; } = 20;

    /// <summary>
    /// Below this confidence (n / window) the history tier never alerts. The seeds said 0.3 and 0.7 of 20 runs; the
    /// t-test's degrees of freedom already carry a short history's uncertainty, so the bands are 3 and 5 runs of 20.
    /// </summary>
    public double LowConfidence { get; set; } = 0.15;

    /// <summary>Below this confidence the history tier only warns; at or above it (5 of 20 runs) it may fail the build.</summary>
    public double HighConfidence { get; set; } = 0.25;

    /// <summary>
    /// Run-to-run noise (standard deviation of one run's estimate, in percent) assumed before the history shows
    /// the real figure. Shared CI runners often move a benchmark by 10% or more between runs.
    /// </summary>
    public double AssumedRunToRunNoisePercent { get; set; } = 10;

    /// <summary>How many runs' worth of weight the assumed noise carries against the measured history spread.</summary>
    public double PriorWeightRuns { get; set; } = 3;

    /// <summary>The run-to-run noise is never taken as smaller than this (percent).</summary>
    public double MinimumNoisePercent { get; set; } = 1;

    /// <summary>Absolute differences below this many nanoseconds are never a regression (timer resolution; ResultsComparer uses 0.3 ns).</summary>
    public double NoiseFloorNanoseconds { get; set; } = 0.5;

    /// <summary>Power at which the smallest detectable change is quoted.</summary>
    public double Power { get; set; } = 0.8;

    /// <summary>Outliers farther than this many robust standard deviations from the history median are dropped (Leys et al. 2013).</summary>
    public double OutlierCutoff { get; set; } = 3;
}

public sealed record TrendOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Fewest history runs (plus this one) before a trend is judged.</summary>
    public int MinimumRuns { get; set; } = 8;

    /// <summary>One-sided significance level of the slope.</summary>
    public double SignificanceLevel { get; set; } = 0.01;

    /// <summary>Report a creep when the fitted rise across the window reaches this percent.</summary>
    public double WarningPercent { get; set; } = 10;
}

/// <summary>Rules for deterministic figures: a change inside the tolerance is no change; otherwise the change thresholds apply as they are.</summary>
public sealed record ExactOptions
{
    public bool Enabled { get; set; } = true;

    public double TolerancePercent { get; set; } = 1;

    /// <summary>Absolute tolerance in the figure's unit (bytes for allocations).</summary>
    public double ToleranceAbsolute { get; set; } = 8;

    /// <summary>Whether a deterministic increase beyond the fail threshold fails the build.</summary>
    public bool FailOnRegression { get; set; } = true;

    /// <summary>True when <paramref name="after"/> is within the tolerance of <paramref name="before"/>: no change.</summary>
    public bool Tolerates(double before, double after) =>
        Math.Abs(after - before) <= Math.Max(ToleranceAbsolute, Math.Abs(before) * TolerancePercent / 100);
}

/// <summary>
/// A Tier 1 budget. Exactly one of <see cref="Benchmark"/> (a glob over the benchmark id, judged on its time in
/// nanoseconds or on <see cref="Metric"/> of that benchmark) or <see cref="Metric"/> alone (a run-level metric id).
/// Levels are in the figure's unit: time in nanoseconds (the loader accepts "500ms" style values too).
/// Current above <see cref="Error"/> is an error, above Target + CriticalFactor × (Error − Target) critical; both break the budget and fail.
/// </summary>
public sealed record TargetOptions
{
    public string? Benchmark { get; set; }

    public string? Metric { get; set; }

    public string? Name { get; set; }

    [JsonConverter(typeof(QuantityConverter))]
    public double Target { get; set; }

    [JsonConverter(typeof(NullableQuantityConverter))]
    public double? Warning { get; set; }

    [JsonConverter(typeof(NullableQuantityConverter))]
    public double? Error { get; set; }

    /// <summary>True when a larger value is better (hit rates): the levels are then lower bounds.</summary>
    public bool BiggerIsBetter { get; set; }
}

public sealed record BenchmarkOverride
{
    public required string Match { get; set; }

    public bool Ignore { get; set; }

    public double? WarningPercent { get; set; }

    public double? FailPercent { get; set; }
}
