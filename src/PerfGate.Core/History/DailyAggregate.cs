namespace PerfGate.Core.History;

/// <summary>
/// What retention keeps of a day's raw runs for one series on one branch and machine: the number of runs and the
/// distribution of their medians (p5/p95 by linear interpolation between closest ranks).
/// </summary>
public sealed record DailyAggregate(
    DateOnly Day,
    string Branch,
    string SeriesKey,
    string FingerprintKey,
    int Runs,
    double MedianOfMedians,
    double Min,
    double Max,
    double P5,
    double P95,
    double? MeanAllocatedBytes);
