using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using PerfGate.Core.Results;
using static PerfGate.Core.Results.FastPath;

namespace PerfGate.Core.Baselines;

/// <summary>
/// The fast way through a committed baseline: one forward pass of <see cref="Utf8JsonReader"/> over the file's bytes
/// that expects exactly what <see cref="BaselineWriter"/> writes — every field, in the writer's order, each of the
/// writer's type — and builds the run <see cref="BaselineReader"/> builds from it (no document, no token index).
/// </summary>
/// <remarks>
/// Whatever it meets outside that shape — malformed or over-deep JSON, a field missing, added, repeated, renamed, in
/// other casing, escaped or out of order, a value of another type (a number as text, a boolean as text, null where the
/// writer never writes one), a non-finite or fractional count, another format version, an id that does not follow its
/// parts — it returns null, and the careful reader over a <see cref="JsonDocument"/> reads the file instead and gives
/// its result or its exact message. So, for every file, the outcome is the careful reader's; this only gets there
/// sooner (tests/…/BaselineStreamingReaderTests compares the two).
/// <para>
/// The 1,000-benchmark gate-speed baseline (3 MB, 90,000 times) in one JIT process, medians of 20 warm reads
/// alternated on the shared 2-core machine: 35 → 14 ms at load 5, 14.6 → 5.4 ms at load 2.5 (document → this). In the
/// native <c>perfgate check</c> it runs beside the results ingest: 14 MB less allocated, some 10–20 ms less CPU, the
/// ingest stage some 10 ms shorter; the wall time stays where it was because a collection then falls in the gate stage.
/// </para>
/// </remarks>
internal static class BaselineStreamingReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = JsonInput.MaxDepth };

    /// <summary>The baseline in <paramref name="json"/> (UTF-8, a BOM allowed), or null to leave it to the careful reader.</summary>
    public static BenchmarkRun? TryRead(ReadOnlySpan<byte> json, string source)
    {
        // As JsonDocument.Parse(Stream) does.
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json, Options);
        try
        {
            return ReadRun(ref reader, source);
        }
        catch (Exception e) when (FastPath.Declines(e))
        {
            // The careful reader turns the same input into the same result or its precise message.
            return null;
        }
    }

    private static BenchmarkRun ReadRun(ref Utf8JsonReader r, string source)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartObject);
        Field(ref r, "format"u8);
        r.Read();
        Require(r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && r.ValueSpan.SequenceEqual("perfgate-baseline/1"u8));
        Field(ref r, "createdAt"u8);
        var createdAt = NullableString(ref r);
        DateTimeOffset? timestamp = null;
        if (createdAt is not null)
        {
            // The careful reader's parse, so the same text gives the same instant and offset.
            Require(DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t));
            timestamp = t;
        }

        Field(ref r, "commit"u8);
        var commit = NullableString(ref r);
        Field(ref r, "branch"u8);
        var branch = NullableString(ref r);
        Field(ref r, "detail"u8);
        var detailText = String(ref r);
        Require(Enum.TryParse<ResultDetail>(detailText, out var detail) && detail.ToString() == detailText);
        Field(ref r, "host"u8);
        var host = ReadHost(ref r);
        Field(ref r, "metrics"u8);
        var metrics = ReadMetrics(ref r);
        Field(ref r, "benchmarks"u8);
        var results = ReadBenchmarks(ref r);
        End(ref r);

        // Nothing but white space may follow (the reader throws for anything else).
        Require(!r.Read());
        return new BenchmarkRun
        {
            Host = host,
            Results = results,
            Metrics = metrics,
            Detail = detail,
            Sources = [source],
            Commit = commit,
            Branch = branch,
            Timestamp = timestamp,
        };
    }

    private static HostFingerprint ReadHost(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartObject);
        Field(ref r, "os"u8);
        var os = String(ref r);
        Field(ref r, "processor"u8);
        var processor = String(ref r);
        Field(ref r, "logicalCores"u8);
        var cores = Int32(ref r);
        Field(ref r, "runtime"u8);
        var runtime = String(ref r);
        Field(ref r, "architecture"u8);
        var architecture = String(ref r);
        Field(ref r, "benchmarkDotNetVersion"u8);
        var benchmarkDotNet = String(ref r);
        End(ref r);
        return new HostFingerprint(os, processor, cores, runtime, architecture, benchmarkDotNet);
    }

    private static ImmutableArray<BenchmarkResult> ReadBenchmarks(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartArray);
        var results = new List<BenchmarkResult>();
        var scratch = new double[64];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            results.Add(ReadBenchmark(ref r, ref scratch));
        }

        return [.. results];
    }

    private static BenchmarkResult ReadBenchmark(ref Utf8JsonReader r, ref double[] scratch)
    {
        Field(ref r, "id"u8);
        var key = String(ref r);
        Field(ref r, "type"u8);
        var type = String(ref r);
        Field(ref r, "method"u8);
        var method = String(ref r);
        Field(ref r, "parameters"u8);
        var parameters = String(ref r);
        Field(ref r, "job"u8);
        var job = String(ref r);

        // The careful reader refuses an empty type or method, and BenchmarkId a blank one (ArgumentException).
        Require(type.Length > 0 && method.Length > 0);
        var id = new BenchmarkId(type, method, parameters, job);
        Require(key == id.Key);

        Field(ref r, "fullName"u8);
        var fullName = String(ref r);
        Field(ref r, "statistics"u8);
        var statistics = ReadStatistics(ref r);
        Field(ref r, "allocatedBytesPerOperation"u8);
        var allocated = Number(ref r);
        Field(ref r, "metrics"u8);
        var metrics = ReadMetrics(ref r);
        Field(ref r, "launches"u8);
        var launches = ReadLaunches(ref r, ref scratch);
        Field(ref r, "originalValues"u8);
        var originalValues = ReadValues(ref r, ref scratch);
        End(ref r);

        if (originalValues.IsEmpty && !launches.IsEmpty)
        {
            // The writer leaves them out when launches hold the same numbers (BDN's OriginalValues are the launches in order).
            originalValues = Concatenate(launches);
        }

        return new BenchmarkResult
        {
            Id = id,
            FullName = fullName,
            Statistics = statistics,
            AllocatedBytesPerOperation = allocated,
            Metrics = metrics,
            Launches = launches,
            OriginalValues = originalValues,
        };
    }

    private static TimeStatistics? ReadStatistics(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return null; // failed to run
        }

        Require(r.TokenType == JsonTokenType.StartObject);
        Field(ref r, "n"u8);
        var n = Int32(ref r);
        Field(ref r, "mean"u8);
        var mean = Number(ref r) ?? double.NaN;
        Field(ref r, "median"u8);
        var median = Number(ref r) ?? double.NaN;
        Field(ref r, "standardDeviation"u8);
        var standardDeviation = Number(ref r) ?? double.NaN;
        Field(ref r, "min"u8);
        var min = Number(ref r) ?? double.NaN;
        Field(ref r, "max"u8);
        var max = Number(ref r) ?? double.NaN;
        Field(ref r, "p5"u8);
        var p5 = Number(ref r);
        Field(ref r, "p95"u8);
        var p95 = Number(ref r);
        Field(ref r, "standardError"u8);
        var standardError = Number(ref r);
        End(ref r);
        return new TimeStatistics(n, mean, median, standardDeviation, min, max, p5, p95, standardError);
    }

    private static ImmutableArray<MetricValue> ReadMetrics(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartArray);
        List<MetricValue>? metrics = null;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            Field(ref r, "id"u8);
            var id = String(ref r);
            Field(ref r, "name"u8);
            var name = String(ref r);
            Field(ref r, "value"u8);
            var value = Number(ref r);
            Require(value is not null); // the careful reader requires it
            Field(ref r, "unit"u8);
            var unit = String(ref r);
            Field(ref r, "biggerIsBetter"u8);
            var biggerIsBetter = Boolean(ref r);
            Field(ref r, "deterministic"u8);
            var deterministic = Boolean(ref r);
            End(ref r);
            (metrics ??= []).Add(new MetricValue(id, name, value!.Value, unit, biggerIsBetter, deterministic));
        }

        return metrics is null ? [] : [.. metrics];
    }

    private static ImmutableArray<Launch> ReadLaunches(ref Utf8JsonReader r, ref double[] scratch)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartArray);
        List<Launch>? launches = null;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            Field(ref r, "index"u8);
            var index = Int32(ref r);
            Field(ref r, "nanosecondsPerOperation"u8);
            var values = ReadValues(ref r, ref scratch);
            End(ref r);
            (launches ??= []).Add(new Launch(index, values));
        }

        return launches is null ? [] : [.. launches];
    }

    /// <summary>
    /// An array of numbers, null standing for a non-finite one (NaN, as the careful reader reads it). The hot loop (a
    /// 1,000-benchmark baseline holds some 100,000 of them): compiled optimised at once, as in the BDN fast path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImmutableArray<double> ReadValues(ref Utf8JsonReader r, ref double[] scratch)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartArray);
        var count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            double value;
            if (r.TokenType == JsonTokenType.Number)
            {
                value = Finite(r.ValueSpan);
            }
            else
            {
                Require(r.TokenType == JsonTokenType.Null);
                value = double.NaN;
            }

            if (count == scratch.Length)
            {
                Array.Resize(ref scratch, count * 2);
            }

            scratch[count++] = value;
        }

        return count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(scratch[..count]);
    }

    private static ImmutableArray<double> Concatenate(ImmutableArray<Launch> launches)
    {
        var total = 0;
        foreach (var launch in launches)
        {
            total += launch.NanosecondsPerOperation.Length;
        }

        var all = new double[total];
        var at = 0;
        foreach (var launch in launches)
        {
            launch.NanosecondsPerOperation.CopyTo(all, at);
            at += launch.NanosecondsPerOperation.Length;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(all);
    }

    // ---- tokens ----------------------------------------------------------------------------------------------------

    /// <summary>Moves to the next property, which must be <paramref name="name"/> exactly as the writer writes it (unescaped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.PropertyName && !r.ValueIsEscaped && r.ValueSpan.SequenceEqual(name));
    }

    /// <summary>Moves to the end of the current object: the writer writes no field after the ones read.</summary>
    private static void End(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.EndObject);
    }

    /// <summary>A string (escapes decoded as the careful reader decodes them); invalid UTF-8 throws InvalidOperationException.</summary>
    private static string String(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.String);
        return r.GetString()!;
    }

    private static string? NullableString(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType is JsonTokenType.String or JsonTokenType.Null);
        return r.GetString();
    }

    /// <summary>A whole number in <see cref="int"/>'s range (a count or an index), which the careful reader casts from its double unchanged.</summary>
    private static int Int32(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.Number);
        Require(Utf8Parser.TryParse(r.ValueSpan, out int value, out var used) && used == r.ValueSpan.Length);
        return value;
    }

    /// <summary>A finite number, or null for null (the writer's non-finite or absent value).</summary>
    private static double? Number(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Require(r.TokenType == JsonTokenType.Number);
        return Finite(r.ValueSpan);
    }

    private static bool Boolean(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType is JsonTokenType.True or JsonTokenType.False);
        return r.TokenType == JsonTokenType.True;
    }
}
