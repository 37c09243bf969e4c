using System.Text.Json;
using PerfGate.Sample.Metrics;

namespace PerfGate.Benchmarks;

/// <summary>
/// Writes <c>perfgate-metrics.json</c> (format <c>perfgate-metrics/1</c>, see docs/custom-metrics.md) next to
/// BenchmarkDotNet's results.
/// </summary>
public static class MetricsFileWriter
{
    public const string FileName = "perfgate-metrics.json";
    public const string Format = "perfgate-metrics/1";

    public static string Write(IEnumerable<DomainFigure> figures, string resultsDirectory, IReadOnlyDictionary<string, string> benchmarkByMetric)
    {
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, FileName);
        using var stream = File.Create(path);
        Write(figures, stream, benchmarkByMetric);
        return path;
    }

    public static void Write(IEnumerable<DomainFigure> figures, Stream stream, IReadOnlyDictionary<string, string> benchmarkByMetric)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteStartArray("metrics");
        foreach (var figure in figures)
        {
            json.WriteStartObject();
            json.WriteString("id", figure.Id);
            json.WriteString("name", figure.Name);
            json.WriteNumber("value", figure.Value);
            json.WriteString("unit", figure.Unit);
            json.WriteBoolean("biggerIsBetter", figure.BiggerIsBetter);
            json.WriteBoolean("deterministic", figure.Deterministic);
            if (benchmarkByMetric.TryGetValue(figure.Id, out var benchmark))
            {
                json.WriteString("benchmark", benchmark);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
