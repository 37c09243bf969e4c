using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var launches = new LaunchCollector();
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
            if (kind == MeasurementKind.Skip)
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

            launches.Add(kind, operations, nanoseconds, launchIndex);
        }

        return launches.ToLaunches();
    }

    /// <summary>The 0.11+ shape with both fields as strings, decided without allocating; null for anything else.</summary>
    private static MeasurementKind? FastKind(JsonElement m)
    {
        if (!m.TryGetProperty("IterationMode"u8, out var mode) || mode.ValueKind != JsonValueKind.String ||
            !m.TryGetProperty("IterationStage"u8, out var stage) || stage.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (!mode.ValueEquals("Workload"u8))
        {
            return mode.ValueEquals("Overhead"u8) ? MeasurementKind.Skip : null;
        }

        return stage.ValueEquals("Result"u8) ? MeasurementKind.Result : stage.ValueEquals("Actual"u8) ? MeasurementKind.Actual : MeasurementKind.Skip;
    }

    /// <summary>Older and odd shapes, with full validation and precise messages.</summary>
    private static MeasurementKind SlowKind(JsonElement m, JsonFields fields, string at)
    {
        var mode = fields.String(m, "IterationMode", at);
        var stage = fields.String(m, "IterationStage", at);
        var isResult = (mode == "Workload" && stage == "Result") || (mode == "Result" && stage is null or "Result");
        var isActual = (mode == "Workload" && stage == "Actual") || (mode == "MainTarget" && stage is null or "Actual" or "MainTarget");
        return isResult ? MeasurementKind.Result : isActual ? MeasurementKind.Actual : MeasurementKind.Skip;
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

/// <summary>What a measurement is to the gate: a <c>Workload/Result</c>, a <c>Workload/Actual</c>, or something it skips.</summary>
internal enum MeasurementKind
{
    Skip,
    Result,
    Actual,
}

/// <summary>
/// Collects a benchmark's usable measurements and groups them into <see cref="Launch"/>es: the Result ones when there
/// are any, else the Actual ones; launches in index order, values in file order. Reusable after <see cref="Clear"/>.
/// </summary>
/// <remarks>
/// Plain arrays rather than a <c>List</c> of tuples: <see cref="Add"/> runs once per measurement and inlines into the
/// streaming reader's optimised loop, where a generic list over a value tuple would run unoptimised code in a short-lived
/// process (the runtime never gets round to recompiling it).
/// </remarks>
internal sealed class LaunchCollector
{
    private readonly Measurements _result = new();
    private readonly Measurements _actual = new();

    /// <summary>
    /// Adds one measurement already checked (no negative operations or time, a launch index from 0 to
    /// <see cref="int.MaxValue"/>); one of no operations or of no time (NaN) is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(MeasurementKind kind, double operations, double nanoseconds, double launchIndex)
    {
        if (kind == MeasurementKind.Skip || !(operations > 0) || double.IsNaN(nanoseconds))
        {
            return;
        }

        (kind == MeasurementKind.Result ? _result : _actual).Add((int)launchIndex, nanoseconds / operations);
    }

    public void Clear()
    {
        _result.Count = 0;
        _actual.Count = 0;
    }

    public ImmutableArray<Launch> ToLaunches()
    {
        var chosen = _result.Count > 0 ? _result : _actual;
        if (chosen.Count == 0)
        {
            return [];
        }

        // Files list each launch's iterations together and launches in order; anything else is sorted (stably) first.
        var count = chosen.Count;
        var launchIndexes = chosen.Launches;
        var values = chosen.Values;
        if (!chosen.InLaunchOrder())
        {
            var order = Enumerable.Range(0, count).OrderBy(i => chosen.Launches[i]).ToArray();
            launchIndexes = [.. order.Select(i => chosen.Launches[i])];
            values = [.. order.Select(i => chosen.Values[i])];
        }

        var launches = ImmutableArray.CreateBuilder<Launch>();
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i == count || launchIndexes[i] != launchIndexes[start])
            {
                launches.Add(new Launch(launchIndexes[start], ImmutableCollectionsMarshal.AsImmutableArray(values[start..i])));
                start = i;
            }
        }

        return launches.ToImmutable();
    }

    /// <summary>Launch index and nanoseconds per operation of each measurement, in file order.</summary>
    private sealed class Measurements
    {
        public int[] Launches = new int[64];
        public double[] Values = new double[64];
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int launch, double value)
        {
            if (Count == Launches.Length)
            {
                Array.Resize(ref Launches, Count * 2);
                Array.Resize(ref Values, Count * 2);
            }

            Launches[Count] = launch;
            Values[Count++] = value;
        }

        public bool InLaunchOrder()
        {
            for (var i = 1; i < Count; i++)
            {
                if (Launches[i] < Launches[i - 1])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
