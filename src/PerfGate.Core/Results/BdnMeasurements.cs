using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// Groups a benchmark's <c>Measurements</c> into <see cref="Launch"/>es of nanoseconds per operation.
/// </summary>
/// <remarks>
/// BenchmarkDotNet 0.12 to 0.14 write every iteration with <c>IterationMode</c> (<c>Overhead</c>/<c>Workload</c>) and
/// <c>IterationStage</c> (<c>Jitting</c>, <c>Pilot</c>, <c>Warmup</c>, <c>Actual</c>, <c>Result</c>). <c>Workload/Result</c>
/// is <c>Workload/Actual</c> minus the median overhead, and it is what BenchmarkDotNet computes <c>Statistics</c> from
/// (0.14.0 writes both: <c>Statistics.OriginalValues</c> equals the Result values of all launches in order), so Result is
/// preferred and Actual is the fallback for files that lack it. Before 0.11 the mode alone told the kind
/// (<c>MainTarget</c> ≈ Workload/Actual, <c>Result</c>); those are mapped the same way.
/// </remarks>
internal static class BdnMeasurements
{
    public static ImmutableArray<Launch> Read(JsonElement measurements, JsonFields fields, string path)
    {
        List<(int Launch, double Value)>? result = null;
        List<(int Launch, double Value)>? actual = null;
        var index = 0;
        foreach (var m in measurements.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw fields.Fail(at, $"expected an object, found {JsonFields.Describe(m)}");
            }

            var mode = fields.String(m, "IterationMode", at);
            var stage = fields.String(m, "IterationStage", at);
            var isResult = (mode == "Workload" && stage == "Result") || (mode == "Result" && stage is null or "Result");
            var isActual = (mode == "Workload" && stage == "Actual") || (mode == "MainTarget" && stage is null or "Actual" or "MainTarget");
            if (!isResult && !isActual)
            {
                continue;
            }

            var operations = fields.Number(m, "Operations", at);
            var nanoseconds = fields.Number(m, "Nanoseconds", at);
            if (operations is not > 0 || nanoseconds is null)
            {
                continue;
            }

            var launch = (int)(fields.Number(m, "LaunchIndex", at) ?? 1);
            var target = isResult ? result ??= [] : actual ??= [];
            target.Add((launch, nanoseconds.Value / operations.Value));
        }

        var chosen = result ?? actual;
        if (chosen is null)
        {
            return [];
        }

        return [.. chosen
            .GroupBy(m => m.Launch)
            .OrderBy(g => g.Key)
            .Select(g => new Launch(g.Key, [.. g.Select(m => m.Value)]))];
    }
}
