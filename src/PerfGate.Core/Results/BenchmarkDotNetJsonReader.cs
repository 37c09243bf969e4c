using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// Reads one BenchmarkDotNet JSON report (full, full-compressed, brief or brief-compressed exporter; 0.12 to 0.14, and
/// leniently older) into a <see cref="BenchmarkRun"/>. The shape is <c>Exporters/Json/JsonExporterBase.cs</c>:
/// <c>{ Title, HostEnvironmentInfo, Benchmarks: [ { DisplayInfo, Namespace, Type, Method, MethodTitle, Parameters,
/// FullName, Statistics, Memory?, Measurements?, Metrics? } ] }</c>.
/// </summary>
public static class BenchmarkDotNetJsonReader
{
    /// <exception cref="ResultsFormatException">The stream is not a readable BenchmarkDotNet report.</exception>
    public static BenchmarkRun Read(Stream json, string sourceName) =>
        FastPath.Read(json, sourceName, (bytes, name) => BdnStreamingReader.TryRead(bytes, name), ReadCarefully);

    /// <summary>The careful reader: a <see cref="JsonDocument"/> walked with every check and every message.</summary>
    internal static BenchmarkRun ReadCarefully(Stream json, string sourceName)
    {
        using var document = JsonInput.Parse(json, sourceName);
        return Read(document.RootElement, sourceName);
    }

    internal static BenchmarkRun Read(JsonElement root, string sourceName) =>
        JsonInput.Guard(sourceName, () => ReadRun(root, new JsonFields(sourceName)));

    private static BenchmarkRun ReadRun(JsonElement root, JsonFields fields)
    {
        var source = fields.Source;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ResultsFormatException(source, $"not a BenchmarkDotNet results file: the document is {JsonFields.Describe(root)}, expected an object with a 'Benchmarks' array");
        }

        if (!JsonFields.TryGet(root, "Benchmarks", out var benchmarks))
        {
            throw new ResultsFormatException(source, "not a BenchmarkDotNet results file: no 'Benchmarks' array");
        }

        if (benchmarks.ValueKind != JsonValueKind.Array)
        {
            throw new ResultsFormatException(source, $"not a BenchmarkDotNet results file: 'Benchmarks' is {JsonFields.Describe(benchmarks)}, expected an array");
        }

        var run = new BdnRunBuilder(source);
        var index = 0;
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var path = BdnRunBuilder.PathOf(index++);
            if (benchmark.ValueKind != JsonValueKind.Object)
            {
                throw fields.Fail(path, $"expected an object, found {JsonFields.Describe(benchmark)}");
            }

            run.Add(ReadBenchmark(benchmark, fields, path, run), path);
        }

        return run.Build(BdnHost.Read(root, fields), fields.String(root, "Title", "$"));
    }

    private static BenchmarkResult? ReadBenchmark(JsonElement b, JsonFields fields, string path, BdnRunBuilder run)
    {
        var method = fields.String(b, "Method", path);
        var fullName = fields.String(b, "FullName", path) ?? "";
        if (string.IsNullOrWhiteSpace(method))
        {
            run.SkipWithoutMethod(path);
            return null;
        }

        var type = TypeFromFullName(fullName, method) ?? JoinNamespace(fields.String(b, "Namespace", path), fields.String(b, "Type", path));
        if (string.IsNullOrWhiteSpace(type))
        {
            run.SkipWithoutType(path, method);
            return null;
        }

        var parameters = fields.String(b, "Parameters", path);
        var methodTitle = fields.String(b, "MethodTitle", path);
        var id = Identify(type, method, parameters, methodTitle, fields.String(b, "DisplayInfo", path));

        ImmutableArray<Launch> launches = [];
        if (fields.Array(b, "Measurements", path) is { } measurements)
        {
            run.HadMeasurements |= measurements.GetArrayLength() > 0;
            launches = BdnMeasurements.Read(measurements, fields, $"{path}.Measurements");
        }

        var statistics = BdnStatistics.Read(b, fields, path, launches, out var originalValues);
        var metrics = BdnMetrics.Read(b, fields, path, out var allocated);
        return Result(id, fullName, launches, originalValues, statistics, allocated, metrics);
    }

    /// <summary>The id from the benchmark's names: <c>Parameters</c> canonicalised, the job taken from <c>DisplayInfo</c>.</summary>
    internal static BenchmarkId Identify(string type, string method, string? parameters, string? methodTitle, string? displayInfo)
    {
        var pairs = BenchmarkParameters.Split(parameters);
        var job = JobName.FromDisplayInfo(displayInfo, methodTitle ?? method, pairs);
        return new BenchmarkId(type, method, BenchmarkParameters.Canonical(pairs), job);
    }

    /// <summary>A benchmark without statistics failed to run: its allocations and metrics are dropped with them.</summary>
    internal static BenchmarkResult Result(BenchmarkId id, string fullName, ImmutableArray<Launch> launches, ImmutableArray<double> originalValues, TimeStatistics? statistics, double? allocated, ImmutableArray<MetricValue> metrics) => new()
    {
        Id = id,
        FullName = fullName,
        Launches = launches,
        OriginalValues = originalValues,
        Statistics = statistics,
        AllocatedBytesPerOperation = statistics is null ? null : allocated,
        Metrics = statistics is null ? [] : metrics,
    };

    /// <summary>
    /// The namespace-qualified type, with nested types joined by '+', as <c>FullNameProvider.GetBenchmarkName</c> writes
    /// it; the JSON's <c>Type</c> is only the innermost type name.
    /// </summary>
    internal static string? TypeFromFullName(string fullName, string method)
    {
        var at = fullName.IndexOf("." + method + "(", StringComparison.Ordinal);
        if (at > 0)
        {
            return fullName[..at];
        }

        return fullName.EndsWith("." + method, StringComparison.Ordinal) && fullName.Length > method.Length + 1
            ? fullName[..^(method.Length + 1)]
            : null;
    }

    internal static string? JoinNamespace(string? ns, string? type) =>
        string.IsNullOrWhiteSpace(type) ? null : string.IsNullOrWhiteSpace(ns) ? type : $"{ns}.{type}";
}
