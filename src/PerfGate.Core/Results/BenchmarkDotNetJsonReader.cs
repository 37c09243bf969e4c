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
    public static BenchmarkRun Read(Stream json, string sourceName)
    {
        using var document = JsonInput.Parse(json, sourceName);
        return Read(document.RootElement, sourceName);
    }

    internal static BenchmarkRun Read(JsonElement root, string sourceName) =>
        JsonInput.Guard(sourceName, () => ReadRun(root, new JsonFields(sourceName)));

    internal static bool LooksLikeResults(JsonElement root) => root.ValueKind == JsonValueKind.Object && JsonFields.TryGet(root, "Benchmarks", out _);

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

        var warnings = new List<string>();
        var results = new List<BenchmarkResult>(benchmarks.GetArrayLength());
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var hadMeasurements = false;
        var index = 0;
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var path = $"Benchmarks[{index++}]";
            if (benchmark.ValueKind != JsonValueKind.Object)
            {
                throw fields.Fail(path, $"expected an object, found {JsonFields.Describe(benchmark)}");
            }

            var result = ReadBenchmark(benchmark, fields, path, warnings, ref hadMeasurements);
            if (result is null)
            {
                continue;
            }

            if (!keys.Add(result.Id.Key))
            {
                warnings.Add($"{source}: duplicate benchmark '{result.Id.Key}' ({path}); kept the first");
                continue;
            }

            if (result.FailedToRun)
            {
                warnings.Add($"{source}: '{result.Id.Key}' failed to run (no statistics)");
            }

            results.Add(result);
        }

        return new BenchmarkRun
        {
            Host = BdnHost.Read(root, fields),
            Results = [.. WithJobIdentity(results)],
            Detail = hadMeasurements ? ResultDetail.Measurements : ResultDetail.StatisticsOnly,
            Sources = [source],
            Timestamp = TitleTimestamp.Parse(fields.String(root, "Title", "$")),
            Warnings = [.. warnings],
        };
    }

    /// <summary>
    /// Drops the job's run/accuracy settings from each id (<see cref="JobName.Identity"/>), except where two jobs of
    /// this file would then share an id: those keep their full job so they stay apart.
    /// </summary>
    private static IEnumerable<BenchmarkResult> WithJobIdentity(List<BenchmarkResult> results)
    {
        var shortened = results.Select(r => r with { Id = new BenchmarkId(r.Id.Type, r.Id.Method, r.Id.Parameters, JobName.Identity(r.Id.Job)) }).ToList();
        var clashing = shortened.GroupBy(r => r.Id.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return shortened.Select((r, i) => clashing.Contains(r.Id.Key) ? results[i] : r);
    }

    private static BenchmarkResult? ReadBenchmark(JsonElement b, JsonFields fields, string path, List<string> warnings, ref bool hadMeasurements)
    {
        var method = fields.String(b, "Method", path);
        var fullName = fields.String(b, "FullName", path) ?? "";
        if (string.IsNullOrWhiteSpace(method))
        {
            warnings.Add($"{fields.Source}: {path} has no 'Method'; skipped");
            return null;
        }

        var type = TypeFromFullName(fullName, method) ?? JoinNamespace(fields.String(b, "Namespace", path), fields.String(b, "Type", path));
        if (string.IsNullOrWhiteSpace(type))
        {
            warnings.Add($"{fields.Source}: {path} ({method}) has neither 'FullName' nor 'Type'; skipped");
            return null;
        }

        var parameters = BenchmarkParameters.Split(fields.String(b, "Parameters", path));
        var methodTitle = fields.String(b, "MethodTitle", path) ?? method;
        var job = JobName.FromDisplayInfo(fields.String(b, "DisplayInfo", path), methodTitle, parameters);
        var id = new BenchmarkId(type, method, BenchmarkParameters.Canonical(parameters), job);

        ImmutableArray<Launch> launches = [];
        if (fields.Array(b, "Measurements", path) is { } measurements)
        {
            hadMeasurements |= measurements.GetArrayLength() > 0;
            launches = BdnMeasurements.Read(measurements, fields, $"{path}.Measurements");
        }

        var statistics = BdnStatistics.Read(b, fields, path, launches, out var originalValues);
        var metrics = BdnMetrics.Read(b, fields, path, out var allocated);
        return new BenchmarkResult
        {
            Id = id,
            FullName = fullName,
            Launches = launches,
            OriginalValues = originalValues,
            Statistics = statistics,
            AllocatedBytesPerOperation = statistics is null ? null : allocated,
            Metrics = statistics is null ? [] : metrics,
        };
    }

    /// <summary>
    /// The namespace-qualified type, with nested types joined by '+', as <c>FullNameProvider.GetBenchmarkName</c> writes
    /// it; the JSON's <c>Type</c> is only the innermost type name.
    /// </summary>
    private static string? TypeFromFullName(string fullName, string method)
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

    private static string? JoinNamespace(string? ns, string? type) =>
        string.IsNullOrWhiteSpace(type) ? null : string.IsNullOrWhiteSpace(ns) ? type : $"{ns}.{type}";
}
