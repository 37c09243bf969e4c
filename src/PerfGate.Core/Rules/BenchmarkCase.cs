using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>Everything known about one benchmark id while the gate judges it.</summary>
internal sealed class BenchmarkCase
{
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    public BenchmarkResult? Current { get; init; }

    public BenchmarkResult? Baseline { get; init; }

    public RunEstimate? CurrentEstimate { get; init; }

    public RunEstimate? BaselineEstimate { get; init; }

    public HistoryReference? History { get; init; }

    public required double WarningPercent { get; init; }

    public required double FailPercent { get; init; }

    public NoiseEstimate? Noise { get; set; }

    public ChangeTest? BaselineTest { get; set; }

    public ChangeTest? HistoryTest { get; set; }

    public double? BaselineFailP { get; set; }

    public double? BaselineWarnP { get; set; }

    public double? HistoryFailP { get; set; }

    public double? HistoryWarnP { get; set; }

    public string? RenameNote { get; set; }

    public List<Finding> Findings { get; } = [];
}
