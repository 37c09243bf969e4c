namespace PerfGate.Core.History;

/// <summary>Names a history series: a benchmark's <c>BenchmarkId.Key</c>, or <c>metric:ID</c> for a run-level metric.</summary>
public static class SeriesKey
{
    public const string MetricPrefix = "metric:";

    public static string ForMetric(string metricId) => MetricPrefix + metricId;

    public static bool IsMetric(string key) => key.StartsWith(MetricPrefix, StringComparison.Ordinal);

    /// <summary>The series of a run, each once: its benchmarks' keys, then its metrics'.</summary>
    public static string[] AllOf(Results.BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Results.Select(r => r.Id.Key).Concat((run.Metrics.IsDefault ? [] : run.Metrics).Select(m => ForMetric(m.Id))).Distinct(StringComparer.Ordinal)];
    }
}
