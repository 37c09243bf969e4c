namespace PerfGate.Core.Results;

/// <summary>
/// One entry of a <c>perfgate-metrics/1</c> file: the metric, and the benchmark it belongs to (a BenchmarkDotNet
/// <c>FullName</c> or a <see cref="BenchmarkId.Key"/>), or null for a run-level metric.
/// </summary>
public sealed record CustomMetric(MetricValue Metric, string? Benchmark);
