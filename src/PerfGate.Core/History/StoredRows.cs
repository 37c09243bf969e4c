using System.Collections.Immutable;
using System.Data.Common;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>
/// One row of the history's <c>runs</c>, <c>results</c> (joined with <c>series</c> and <c>result_samples</c>) and
/// <c>alerts</c> queries as the stored types, for both backends: their SELECTs list the same columns in the same order,
/// and SQLite's integer flags and PostgreSQL's booleans both read as <see cref="DbDataReader.GetBoolean"/>.
/// </summary>
internal static class StoredRows
{
    public static StoredRun Run(DbDataReader reader)
    {
        var host = new HostFingerprint(
            Os: reader.GetString(5),
            Processor: reader.GetString(6),
            LogicalCores: reader.GetInt32(7),
            Runtime: reader.GetString(8),
            Architecture: reader.GetString(9),
            BenchmarkDotNetVersion: reader.GetString(10));
        var source = reader.GetString(12);
        return new StoredRun(
            Id: reader.GetInt64(0),
            Timestamp: FromUnixMs(reader.GetInt64(1)),
            Branch: reader.GetString(3),
            Commit: NullableString(reader, 2),
            PullRequest: reader.IsDBNull(4) ? null : reader.GetInt32(4),
            Host: host,
            Detail: StoredNames.ParseDetail(reader.GetString(11)),
            Sources: source.Length == 0 ? [] : [.. source.Split('\n')]);
    }

    public static StoredResult Result(DbDataReader reader)
    {
        var key = reader.GetString(1);
        var displayName = reader.GetString(7);
        var fullName = reader.GetString(8);
        var launchMedians = reader.IsDBNull(19) ? [] : DoubleBlob.Decode(reader.GetFieldValue<byte[]>(19));
        var metrics = reader.IsDBNull(25)
            ? []
            : HistoryJson.ReadMetrics(reader.GetString(25));
        var originalCount = reader.IsDBNull(23) ? 0 : reader.GetInt32(23);

        if (string.Equals(reader.GetString(2), "metric", StringComparison.Ordinal))
        {
            var value = DoubleOrNaN(reader, 9);
            var metric = metrics.IsDefaultOrEmpty
                ? new MetricValue(key[SeriesKey.MetricPrefix.Length..], displayName, value, "", BiggerIsBetter: false, Deterministic: false)
                : metrics[0] with { Value = value };
            return new StoredResult(reader.GetInt64(0), key, displayName, fullName, Benchmark: null, metric, [], originalCount);
        }

        TimeStatistics? statistics = reader.GetBoolean(21)
            ? null
            : new TimeStatistics(
                N: reader.GetInt32(17),
                Mean: DoubleOrNaN(reader, 10),
                Median: DoubleOrNaN(reader, 9),
                StandardDeviation: DoubleOrNaN(reader, 11),
                Min: DoubleOrNaN(reader, 13),
                Max: DoubleOrNaN(reader, 14),
                P5: NullableDouble(reader, 15),
                P95: NullableDouble(reader, 16),
                StandardError: NullableDouble(reader, 12));
        var values = reader.IsDBNull(22) ? [] : DoubleBlob.Decode(reader.GetFieldValue<byte[]>(22));
        var layout = NullableString(reader, 24);
        var benchmark = new BenchmarkResult
        {
            Id = new BenchmarkId(reader.GetString(3), reader.GetString(4), NullableString(reader, 5) ?? "", NullableString(reader, 6) ?? ""),
            FullName = fullName,
            Statistics = statistics,
            Launches = layout is null ? [] : StoredSamples.Rebuild(values, layout),
            OriginalValues = layout is null ? values : [],
            AllocatedBytesPerOperation = NullableDouble(reader, 20),
            Metrics = metrics.IsDefault ? [] : metrics,
        };
        return new StoredResult(reader.GetInt64(0), key, displayName, fullName, benchmark, Metric: null, launchMedians, originalCount);
    }

    public static StoredAlert Alert(DbDataReader reader)
    {
        return new StoredAlert(
            Id: reader.GetInt64(0),
            RunId: reader.IsDBNull(1) ? null : reader.GetInt64(1),
            TriggeredAt: FromUnixMs(reader.GetInt64(2)),
            Branch: reader.GetString(3),
            Commit: NullableString(reader, 4),
            PullRequest: reader.IsDBNull(5) ? null : reader.GetInt32(5),
            FingerprintKey: reader.GetString(6),
            Tier: StoredNames.ParseTier(reader.GetString(7)),
            Severity: StoredNames.ParseSeverity(reader.GetString(8)),
            SeriesKey: reader.GetString(9),
            Metric: reader.GetString(10),
            CurrentValue: DoubleOrNaN(reader, 11),
            ExpectedValue: DoubleOrNaN(reader, 12),
            DeviationPercent: DoubleOrNaN(reader, 13),
            Message: reader.GetString(14),
            Acknowledged: reader.GetBoolean(15),
            AcknowledgedBy: NullableString(reader, 16),
            AcknowledgedAt: reader.IsDBNull(17) ? null : FromUnixMs(reader.GetInt64(17)),
            Notes: NullableString(reader, 18))
        {
            Reason = AlertReasons.Parse(NullableString(reader, 19)),
        };
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static double DoubleOrNaN(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? double.NaN : reader.GetDouble(ordinal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
