using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>
/// The JSON the history stores and binds, generated at compile time (no reflection at start; a Native AOT build needs
/// it): a result's metrics (NaN allowed: BenchmarkDotNet metrics may be NaN) and lists of keys passed to SQL as JSON.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ImmutableArray<MetricValue>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class HistoryJson : JsonSerializerContext
{
    /// <summary>A JSON array of the strings, for <c>json_each</c> in SQL.</summary>
    public static string Strings(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray(), Default.StringArray);

    public static string Metrics(ImmutableArray<MetricValue> metrics) => JsonSerializer.Serialize(metrics, Default.ImmutableArrayMetricValue);

    public static ImmutableArray<MetricValue> ReadMetrics(string json) => JsonSerializer.Deserialize(json, Default.ImmutableArrayMetricValue);
}
