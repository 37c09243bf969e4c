using PerfGate.Core.Results;

namespace PerfGate.Core.History.Postgres;

/// <summary>
/// One <c>results</c> row with its <c>series</c> and <c>result_samples</c> parts, exactly as stored: built from a
/// recorded result (sampling the raw values to the cap) or from a result read back from another history (a copy keeps
/// the stored values, their original count and the launch medians as they are).
/// </summary>
internal sealed record ResultRow(
    string SeriesKey,
    string Kind,
    string? Type,
    string? Method,
    string? Parameters,
    string? Job,
    string DisplayName,
    string FullName,
    TimeStatistics? Statistics,
    int LaunchCount,
    byte[]? LaunchMedians,
    double? AllocatedBytes,
    bool HasSamples,
    byte[]? RawValues,
    int RawCount,
    string? LaunchLayout,
    string? Metrics)
{
    public static ResultRow FromBenchmark(BenchmarkResult result, int cap)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = result.Id;
        var (values, layout, originalCount) = StoredSamples.Select(result, cap);
        var metrics = result.Metrics.IsDefaultOrEmpty ? null : HistoryJson.Metrics(result.Metrics);
        return new ResultRow(
            id.Key, "benchmark", id.Type, id.Method, id.Parameters, id.Job, id.DisplayName, result.FullName,
            result.Statistics,
            result.Launches.IsDefault ? 0 : result.Launches.Length,
            DoubleBlob.Encode(StoredSamples.LaunchMedians(result)),
            result.AllocatedBytesPerOperation,
            HasSamples: originalCount > 0 || metrics is not null,
            DoubleBlob.Encode(values),
            originalCount,
            layout,
            metrics);
    }

    public static ResultRow FromMetric(MetricValue metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new ResultRow(
            History.SeriesKey.ForMetric(metric.Id), "metric", null, null, null, null, metric.Name, metric.Id,
            new TimeStatistics(1, metric.Value, metric.Value, 0, metric.Value, metric.Value),
            0, null, null,
            HasSamples: true, null, 0, null,
            HistoryJson.Metrics([metric]));
    }

    /// <summary>A stored result as it was stored: values, layout and original count unchanged.</summary>
    public static ResultRow FromStored(StoredResult stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Metric is { } metric)
        {
            return FromMetric(metric) with { SeriesKey = stored.SeriesKey, DisplayName = stored.DisplayName, FullName = stored.FullName };
        }

        var result = stored.Benchmark ?? throw new ArgumentException("a stored result is a benchmark or a metric", nameof(stored));
        var id = result.Id;
        List<double> values;
        string? layout = null;
        if (!result.Launches.IsDefaultOrEmpty)
        {
            values = [.. result.Launches.SelectMany(l => l.NanosecondsPerOperation.IsDefault ? [] : l.NanosecondsPerOperation)];
            layout = string.Join(',', result.Launches.Select(l => FormattableString.Invariant($"{l.Index}:{(l.NanosecondsPerOperation.IsDefault ? 0 : l.NanosecondsPerOperation.Length)}")));
        }
        else
        {
            values = [.. result.OriginalValues.IsDefault ? [] : result.OriginalValues];
        }

        var metrics = result.Metrics.IsDefaultOrEmpty ? null : HistoryJson.Metrics(result.Metrics);
        return new ResultRow(
            stored.SeriesKey, "benchmark", id.Type, id.Method, id.Parameters, id.Job, stored.DisplayName, stored.FullName,
            result.Statistics,
            result.Launches.IsDefault ? 0 : result.Launches.Length,
            DoubleBlob.Encode(stored.LaunchMedians.IsDefault ? [] : stored.LaunchMedians),
            result.AllocatedBytesPerOperation,
            HasSamples: stored.OriginalValueCount > 0 || metrics is not null,
            DoubleBlob.Encode(values),
            stored.OriginalValueCount,
            layout,
            metrics);
    }
}
