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
            var i = index++;
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw fields.Fail($"{path}[{i}]", $"expected an object, found {JsonFields.Describe(m)}");
            }

            // Hot path (a 1,000-benchmark report holds ~300,000 measurements): compare the UTF-8 text in place and
            // build the element's path only when a value is wrong.
            var kind = FastKind(m) ?? SlowKind(m, fields, $"{path}[{i}]");
            if (kind == Kind.Skip)
            {
                continue;
            }

            if (!TryFastNumber(m, "Operations", out var operations) || !TryFastNumber(m, "Nanoseconds", out var nanoseconds) || !TryFastNumber(m, "LaunchIndex", out var launchIndex))
            {
                var at = $"{path}[{i}]";
                operations = fields.Number(m, "Operations", at) ?? double.NaN;
                nanoseconds = fields.Number(m, "Nanoseconds", at) ?? double.NaN;
                launchIndex = fields.Number(m, "LaunchIndex", at) ?? 1;
            }

            if (operations < 0 || nanoseconds < 0 || launchIndex is < 0 or > int.MaxValue)
            {
                Reject(fields, $"{path}[{i}]", operations, nanoseconds, launchIndex);
            }

            if (!(operations > 0) || double.IsNaN(nanoseconds))
            {
                continue;
            }

            var target = kind == Kind.Result ? result ??= [] : actual ??= [];
            target.Add(((int)launchIndex, nanoseconds / operations));
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

    private enum Kind
    {
        Skip,
        Result,
        Actual,
    }

    /// <summary>The 0.11+ shape with both fields as strings, decided without allocating; null for anything else.</summary>
    private static Kind? FastKind(JsonElement m)
    {
        if (!m.TryGetProperty("IterationMode"u8, out var mode) || mode.ValueKind != JsonValueKind.String ||
            !m.TryGetProperty("IterationStage"u8, out var stage) || stage.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (!mode.ValueEquals("Workload"u8))
        {
            return mode.ValueEquals("Overhead"u8) ? Kind.Skip : null;
        }

        return stage.ValueEquals("Result"u8) ? Kind.Result : stage.ValueEquals("Actual"u8) ? Kind.Actual : Kind.Skip;
    }

    /// <summary>Older and odd shapes, with full validation and precise messages.</summary>
    private static Kind SlowKind(JsonElement m, JsonFields fields, string at)
    {
        var mode = fields.String(m, "IterationMode", at);
        var stage = fields.String(m, "IterationStage", at);
        var isResult = (mode == "Workload" && stage == "Result") || (mode == "Result" && stage is null or "Result");
        var isActual = (mode == "Workload" && stage == "Actual") || (mode == "MainTarget" && stage is null or "Actual" or "MainTarget");
        return isResult ? Kind.Result : isActual ? Kind.Actual : Kind.Skip;
    }

    /// <summary>
    /// An iteration that cannot have happened: fewer than zero operations or nanoseconds, or no launch number.
    /// BenchmarkDotNet never writes a negative time (a Result is <c>Math.Max(0, actual - overhead)</c>), so one is a hand edit.
    /// </summary>
    private static void Reject(JsonFields fields, string at, double operations, double nanoseconds, double launchIndex)
    {
        fields.NonNegative(operations, $"{at}.Operations");
        fields.NonNegative(nanoseconds, $"{at}.Nanoseconds", "a time");
        fields.Count(launchIndex, $"{at}.LaunchIndex");
    }

    private static bool TryFastNumber(JsonElement m, string name, out double value)
    {
        value = double.NaN;
        return m.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }
}
