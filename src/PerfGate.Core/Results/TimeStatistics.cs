namespace PerfGate.Core.Results;

/// <summary>
/// Summary statistics of a benchmark's time per operation in nanoseconds, as reported by BenchmarkDotNet
/// (or computed from the measurements when present). Optional fields are null when the source file lacks them.
/// </summary>
public sealed record TimeStatistics(
    int N,
    double Mean,
    double Median,
    double StandardDeviation,
    double Min,
    double Max,
    double? P5 = null,
    double? P95 = null,
    double? StandardError = null);
