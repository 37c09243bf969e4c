namespace PerfGate.Core.Results;

/// <summary>How much a results source holds: raw measurements per launch, statistics only, or PerfGate's own aggregate.</summary>
public enum ResultDetail
{
    /// <summary>BenchmarkDotNet full / full-compressed exporters: raw measurements with launch indexes.</summary>
    Measurements,

    /// <summary>BenchmarkDotNet brief exporters: statistics (and maybe original values) only.</summary>
    StatisticsOnly,
}
