using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// Reads PerfGate's custom metric files, validated strictly (a typo in a field name is an error, not a silent default):
/// <code>
/// { "format": "perfgate-metrics/1",
///   "metrics": [ { "id": "SVC-001", "name": "Rules evaluated", "value": 1, "unit": "count",
///                  "biggerIsBetter": false, "deterministic": true, "benchmark": "optional FullName or id key" } ] }
/// </code>
/// <c>name</c> (defaults to <c>id</c>) and <c>benchmark</c> are optional; the rest are required.
/// </summary>
public static class CustomMetricsReader
{
    public const string Format = "perfgate-metrics/1";

    private static readonly HashSet<string> Known = ["id", "name", "value", "unit", "biggerIsBetter", "deterministic", "benchmark"];

    /// <exception cref="ResultsFormatException">The stream is not a valid <c>perfgate-metrics/1</c> file.</exception>
    public static ImmutableArray<CustomMetric> Read(Stream json, string sourceName)
    {
        using var document = JsonInput.Parse(json, sourceName);
        return Read(document.RootElement, sourceName);
    }

    internal static bool IsMetricsFile(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String &&
        (f.GetString() ?? "").StartsWith("perfgate-metrics/", StringComparison.Ordinal);

    internal static ImmutableArray<CustomMetric> Read(JsonElement root, string sourceName) =>
        JsonInput.Guard(sourceName, () => ReadCore(root, sourceName));

    private static ImmutableArray<CustomMetric> ReadCore(JsonElement root, string source)
    {
        ResultsFormatException Fail(string problem) => new(source, problem);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail($"not a PerfGate metrics file: the document is {JsonFields.Describe(root)}, expected an object");
        }

        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
        {
            throw Fail($"not a PerfGate metrics file: no \"format\": \"{Format}\"");
        }

        if (format.GetString() != Format)
        {
            throw Fail($"unsupported metrics format '{format.GetString()}', expected '{Format}'");
        }

        if (!root.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array)
        {
            throw Fail("'metrics' must be an array");
        }

        var result = ImmutableArray.CreateBuilder<CustomMetric>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in metrics.EnumerateArray())
        {
            var at = $"metrics[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"{at}: expected an object, found {JsonFields.Describe(item)}");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (!Known.Contains(property.Name))
                {
                    throw Fail($"{at}: unknown property '{property.Name}' (expected {string.Join(", ", Known)})");
                }
            }

            var id = RequiredString(item, "id", at, Fail);
            var name = OptionalString(item, "name", at, Fail) ?? id;
            var unit = RequiredString(item, "unit", at, Fail);
            var benchmark = OptionalString(item, "benchmark", at, Fail);
            if (!item.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.Number)
            {
                throw Fail($"{at} ({id}): 'value' must be a number");
            }

            var value = valueElement.GetDouble();
            if (!double.IsFinite(value))
            {
                throw Fail($"{at} ({id}): 'value' must be finite");
            }

            var biggerIsBetter = RequiredBoolean(item, "biggerIsBetter", at, id, Fail);
            var deterministic = RequiredBoolean(item, "deterministic", at, id, Fail);
            if (!seen.Add($"{id}\u0000{benchmark}"))
            {
                throw Fail($"{at}: metric '{id}'{(benchmark is null ? "" : $" for '{benchmark}'")} appears twice");
            }

            result.Add(new CustomMetric(new MetricValue(id, name, value, unit, biggerIsBetter, deterministic), benchmark));
        }

        return result.ToImmutable();
    }

    private static string RequiredString(JsonElement item, string name, string at, Func<string, ResultsFormatException> fail) =>
        OptionalString(item, name, at, fail) ?? throw fail($"{at}: '{name}' is required");

    private static string? OptionalString(JsonElement item, string name, string at, Func<string, ResultsFormatException> fail)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw fail($"{at}: '{name}' must be a string, found {JsonFields.Describe(value)}");
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw fail($"{at}: '{name}' must not be empty") : text;
    }

    private static bool RequiredBoolean(JsonElement item, string name, string at, string id, Func<string, ResultsFormatException> fail) =>
        item.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw fail($"{at} ({id}): '{name}' must be true or false");
}
