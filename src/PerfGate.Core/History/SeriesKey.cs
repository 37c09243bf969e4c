namespace PerfGate.Core.History;

/// <summary>Names a history series: a benchmark's <c>BenchmarkId.Key</c>, or <c>metric:ID</c> for a run-level metric.</summary>
public static class SeriesKey
{
    public const string MetricPrefix = "metric:";

    public static string ForMetric(string metricId) => MetricPrefix + metricId;

    public static bool IsMetric(string key) => key.StartsWith(MetricPrefix, StringComparison.Ordinal);
}
