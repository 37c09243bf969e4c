using System.Globalization;
using System.Text.Json;
using PerfGate.Core.Results;

namespace PerfGate.Core.Baselines;

/// <summary>Writes a run in the <c>perfgate-baseline/1</c> shape; the property order here is the file's order.</summary>
internal static class BaselineWriter
{
    public static void Write(BenchmarkRun run, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("format", BaselineFile.Format);
        WriteNullableString(json, "createdAt", run.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
        WriteNullableString(json, "commit", run.Commit);
        WriteNullableString(json, "branch", run.Branch);
        json.WriteString("detail", run.Detail.ToString());
        json.WriteStartObject("host");
        json.WriteString("os", run.Host.Os);
        json.WriteString("processor", run.Host.Processor);
        json.WriteNumber("logicalCores", run.Host.LogicalCores);
        json.WriteString("runtime", run.Host.Runtime);
        json.WriteString("architecture", run.Host.Architecture);
        json.WriteString("benchmarkDotNetVersion", run.Host.BenchmarkDotNetVersion);
        json.WriteEndObject();
        WriteMetrics(json, run.Metrics);
        json.WriteStartArray("benchmarks");
        foreach (var result in run.Results.OrderBy(r => r.Id.Key, StringComparer.Ordinal))
        {
            WriteResult(json, result);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, BenchmarkResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Id.Key);
        json.WriteString("type", result.Id.Type);
        json.WriteString("method", result.Id.Method);
        json.WriteString("parameters", result.Id.Parameters);
        json.WriteString("job", result.Id.Job);
        json.WriteString("fullName", result.FullName);
        if (result.Statistics is { } s)
        {
            json.WriteStartObject("statistics");
            json.WriteNumber("n", s.N);
            WriteNumber(json, "mean", s.Mean);
            WriteNumber(json, "median", s.Median);
            WriteNumber(json, "standardDeviation", s.StandardDeviation);
            WriteNumber(json, "min", s.Min);
            WriteNumber(json, "max", s.Max);
            WriteNumber(json, "p5", s.P5);
            WriteNumber(json, "p95", s.P95);
            WriteNumber(json, "standardError", s.StandardError);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("statistics"); // failed to run
        }

        WriteNumber(json, "allocatedBytesPerOperation", result.AllocatedBytesPerOperation);
        WriteMetrics(json, result.Metrics);
        json.WriteStartArray("launches");
        foreach (var launch in result.Launches)
        {
            json.WriteStartObject();
            json.WriteNumber("index", launch.Index);
            WriteValues(json, "nanosecondsPerOperation", launch.NanosecondsPerOperation);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // With launches, BenchmarkDotNet's original values are the same numbers again: keep the file half the size.
        WriteValues(json, "originalValues", result.Launches.IsDefaultOrEmpty ? result.OriginalValues : []);
        json.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter json, IEnumerable<MetricValue> metrics)
    {
        json.WriteStartArray("metrics");
        foreach (var metric in metrics)
        {
            json.WriteStartObject();
            json.WriteString("id", metric.Id);
            json.WriteString("name", metric.Name);
            WriteNumber(json, "value", metric.Value);
            json.WriteString("unit", metric.Unit);
            json.WriteBoolean("biggerIsBetter", metric.BiggerIsBetter);
            json.WriteBoolean("deterministic", metric.Deterministic);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            WriteValue(json, value);
        }

        json.WriteEndArray();
    }

    // Utf8JsonWriter writes doubles in the shortest form that round-trips (like "R"), independent of the culture.
    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        WriteValue(json, value);
    }

    private static void WriteValue(Utf8JsonWriter json, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumberValue(v);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
