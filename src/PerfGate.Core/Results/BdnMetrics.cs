using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// BenchmarkDotNet's per-benchmark figures as <see cref="MetricValue"/>s: the <c>Metrics</c> array (full exporters,
/// <c>{ Value, Descriptor: { Id, DisplayName, Unit, UnitType, TheGreaterTheBetter } }</c>), completed from <c>Memory</c>
/// (present with MemoryDiagnoser in every exporter) so that brief and full files give the same metric set.
/// </summary>
internal static class BdnMetrics
{
    public const string AllocatedId = "Allocated Memory";

    // Ids of MemoryDiagnoser (GarbageCollectionsMetricDescriptor, AllocatedMemoryMetricDescriptor), ExceptionDiagnoser and
    // ThreadingDiagnoser: counts and bytes that do not vary between identical runs of deterministic code.
    private static readonly HashSet<string> DeterministicIds = new(StringComparer.Ordinal)
    {
        "Gen0Collects", "Gen1Collects", "Gen2Collects", AllocatedId, "Allocated Native Memory", "Native Memory Leak",
        "ExceptionFrequency", "CompletedWorkItemCount", "LockContentionCount",
    };

    public static ImmutableArray<MetricValue> Read(JsonElement benchmark, JsonFields fields, string path, out double? allocatedBytesPerOperation)
    {
        var metrics = new List<MetricValue>();
        var memory = fields.Object(benchmark, "Memory", path);
        allocatedBytesPerOperation = memory is { } mem ? fields.NonNegative(mem, "BytesAllocatedPerOperation", $"{path}.Memory") : null;

        if (fields.Array(benchmark, "Metrics", path) is { } array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var at = $"{path}.Metrics[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw fields.Fail(at, $"expected an object, found {JsonFields.Describe(item)}");
                }

                var value = fields.Number(item, "Value", at);
                var descriptor = fields.Object(item, "Descriptor", at);
                if (value is null || descriptor is not { } d)
                {
                    continue; // NaN ("") values: BenchmarkDotNet shows them as "-"
                }

                var id = fields.String(d, "Id", $"{at}.Descriptor") ?? fields.String(d, "DisplayName", $"{at}.Descriptor");
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                var name = fields.String(d, "DisplayName", $"{at}.Descriptor");
                var unit = fields.String(d, "Unit", $"{at}.Descriptor");
                var biggerIsBetter = fields.Boolean(d, "TheGreaterTheBetter", $"{at}.Descriptor");
                var unitType = fields.Number(d, "UnitType", $"{at}.Descriptor");
                metrics.Add(Metric(id, name, value.Value, unit, biggerIsBetter, unitType));
            }
        }

        if (memory is { } m)
        {
            var totalOperations = fields.Number(m, "TotalOperations", $"{path}.Memory");
            var gen0 = fields.Number(m, "Gen0Collections", $"{path}.Memory");
            var gen1 = fields.Number(m, "Gen1Collections", $"{path}.Memory");
            var gen2 = fields.Number(m, "Gen2Collections", $"{path}.Memory");
            AddMemory(metrics, totalOperations, [gen0, gen1, gen2], allocatedBytesPerOperation);
        }

        return [.. metrics];
    }

    /// <summary>One entry of <c>Metrics</c> with a value and an id (<c>Descriptor.Id</c>, else its <c>DisplayName</c>).</summary>
    public static MetricValue Metric(string id, string? displayName, double value, string? unit, bool? theGreaterTheBetter, double? unitType) =>
        new(id, displayName ?? id, value, unit ?? "", theGreaterTheBetter ?? false, DeterministicIds.Contains(id) || unitType == 2); // UnitType.Size

    /// <summary>
    /// Adds what <c>Memory</c> tells and <c>Metrics</c> did not: collections per 1000 operations (GcStats counts are
    /// totals over TotalOperations; BenchmarkDotNet displays them per 1000 operations) and the bytes allocated per operation.
    /// </summary>
    public static void AddMemory(List<MetricValue> metrics, double? totalOperations, ReadOnlySpan<double?> collections, double? allocatedBytesPerOperation)
    {
        for (var generation = 0; generation < collections.Length; generation++)
        {
            var id = $"Gen{generation}Collects";
            if (collections[generation] is { } c && totalOperations is > 0 && !metrics.Exists(x => x.Id == id))
            {
                metrics.Add(new MetricValue(id, $"Gen{generation}", c / totalOperations.Value * 1000, "Count", false, true));
            }
        }

        if (allocatedBytesPerOperation is { } bytes && !metrics.Exists(x => x.Id == AllocatedId))
        {
            metrics.Add(new MetricValue(AllocatedId, "Allocated", bytes, "B", false, true));
        }
    }
}
