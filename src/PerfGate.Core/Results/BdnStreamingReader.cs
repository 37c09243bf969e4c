using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

using static PerfGate.Core.Results.FastPath;

namespace PerfGate.Core.Results;

/// <summary>
/// The fast way through a BenchmarkDotNet report: one forward pass of <see cref="Utf8JsonReader"/> over the file's
/// bytes, keeping only the fields the gate uses (no document, no token index, no string for a field it skips; a
/// measurement's numbers are parsed only when it is a workload measurement the launches need).
/// </summary>
/// <remarks>
/// It reads the report as BenchmarkDotNet writes it and judges nothing else. Whatever it meets outside that shape —
/// malformed or over-deep JSON, a field of another type, a negative time, text where a number belongs (other than
/// BenchmarkDotNet's <c>""</c> for NaN), a field name in other casing, escaped or repeated, an old measurement
/// shape — it returns null, and <see cref="BenchmarkDotNetJsonReader"/>'s careful reader over a
/// <see cref="JsonDocument"/> reads the file instead and gives its result or its exact message. So, for every file,
/// the outcome is the careful reader's; this only gets there sooner (tests/…/StreamingReaderTests compares the two).
/// </remarks>
internal static class BdnStreamingReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = JsonInput.MaxDepth };

    // The fields the careful reader looks up in each object: a name equal to one of these ignoring case (and not
    // exactly) could be what it finds, so the fast path leaves such a file to it.
    private static readonly byte[][] RootFields = [.. new[] { "Benchmarks", "HostEnvironmentInfo", "Title" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] BenchmarkFields = [.. new[] { "DisplayInfo", "Namespace", "Type", "Method", "MethodTitle", "Parameters", "FullName", "Statistics", "Memory", "Measurements", "Metrics" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] MeasurementFields = [.. new[] { "IterationMode", "IterationStage", "LaunchIndex", "Operations", "Nanoseconds" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] StatisticsFields = [.. new[] { "OriginalValues", "Mean", "Median", "StandardDeviation", "Min", "Max", "StandardError", "N", "Percentiles" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] PercentilesFields = [.. new[] { "P95" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] MemoryFields = [.. new[] { "BytesAllocatedPerOperation", "TotalOperations", "Gen0Collections", "Gen1Collections", "Gen2Collections" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] MetricFields = [.. new[] { "Value", "Descriptor" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] DescriptorFields = [.. new[] { "Id", "DisplayName", "Unit", "TheGreaterTheBetter", "UnitType" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] HostFields = [.. new[] { "OsVersion", "ProcessorName", "LogicalCoreCount", "RuntimeVersion", "Architecture", "BenchmarkDotNetVersion" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The report in <paramref name="json"/> (UTF-8, a BOM allowed), or null to leave it to the careful reader.</summary>
    public static BenchmarkRun? TryRead(ReadOnlyMemory<byte> json, string source)
    {
        // As JsonDocument.Parse(Stream) does.
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var reader = new Utf8JsonReader(json.Span, Options);
        try
        {
            return ReadRun(ref reader, json, source);
        }
        catch (Exception e) when (FastPath.Declines(e))
        {
            // The careful reader turns the same input into the same result or its precise message (JsonInput.Guard maps
            // these exception types there).
            return null;
        }
    }

    private static BenchmarkRun ReadRun(ref Utf8JsonReader r, ReadOnlyMemory<byte> json, string source)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.StartObject);
        var run = new BdnRunBuilder(source);
        var host = HostFingerprint.Unknown;
        string? title = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("Benchmarks"u8))
            {
                Once(ref seen, 1);
                r.Read();
                Require(r.TokenType == JsonTokenType.StartArray);
                if (ReadBenchmarks(ref r, json, run))
                {
                    // The second half's read ended the document: the benchmarks were its last field.
                    return run.Build(host, title);
                }
            }
            else if (name.SequenceEqual("HostEnvironmentInfo"u8))
            {
                Once(ref seen, 2);
                if (StartOf(ref r, JsonTokenType.StartObject))
                {
                    host = ReadHost(ref r);
                }
            }
            else if (name.SequenceEqual("Title"u8))
            {
                Once(ref seen, 4);
                title = String(ref r);
            }
            else
            {
                // A perfgate-metrics file is for ResultsLoader to recognise.
                Require(!name.SequenceEqual("format"u8));
                SkipOther(ref r, name, RootFields);
            }
        }

        // Nothing but white space may follow (the reader throws for anything else), and the results must be there.
        Require(!r.Read() && (seen & 1) != 0);
        return run.Build(host, title);
    }

    /// <summary>
    /// Reads the <c>Benchmarks</c> array into <paramref name="run"/>, its second half on another thread when it is large
    /// (<see cref="BdnSplitRead"/>); true when that read also reached the end of the document.
    /// </summary>
    private static bool ReadBenchmarks(ref Utf8JsonReader r, ReadOnlyMemory<byte> json, BdnRunBuilder run)
    {
        var launches = new LaunchCollector();
        var index = 0;
        var secondHalf = BdnSplitRead.Begin(json, (int)r.BytesConsumed, Options.MaxDepth - 2);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            if (secondHalf is not null && r.TokenStartIndex >= secondHalf.Start)
            {
                // This read has reached where the second half began: at an element, the other thread's benchmarks
                // follow these (else the split point was not an element and this thread reads on alone).
                if (r.TokenStartIndex == secondHalf.Start && secondHalf.Wait() is { } log)
                {
                    log.ReplayInto(run, index);
                    BdnSplitRead.TakenOnThisThread++;
                    return true;
                }

                secondHalf = null;
            }

            run.Add(ReadBenchmark(ref r, index, run, launches), BdnRunBuilder.PathOf(index));
            index++;
        }

        return false;
    }

    /// <summary>
    /// The benchmarks from <paramref name="start"/> (an element of the array) to the end of the array, each with its own
    /// reader (the elements are separated by commas a fresh reader would not accept), and then nothing but the end of
    /// the document; null when anything there is not the usual shape.
    /// </summary>
    internal static BdnBenchmarkLog? ReadSecondHalf(ReadOnlyMemory<byte> json, int start, int maxDepth)
    {
        var log = new BdnBenchmarkLog();
        var launches = new LaunchCollector();
        var options = Options with { MaxDepth = maxDepth };
        var bytes = json.Span;
        var position = start;
        try
        {
            for (var index = 0; ; index++)
            {
                var r = new Utf8JsonReader(bytes[position..], options);
                r.Read();
                Require(r.TokenType == JsonTokenType.StartObject);
                log.Add(ReadBenchmark(ref r, index, log, launches), index);
                position += (int)r.BytesConsumed;
                position = SkipWhiteSpace(bytes, position);
                Require(position < bytes.Length);
                if (bytes[position] == (byte)']')
                {
                    break;
                }

                Require(bytes[position] == (byte)',');
                position = SkipWhiteSpace(bytes, position + 1);
            }

            // The array closes the document's object, and only white space follows.
            position = SkipWhiteSpace(bytes, position + 1);
            Require(position < bytes.Length && bytes[position] == (byte)'}');
            Require(SkipWhiteSpace(bytes, position + 1) == bytes.Length);
            return log;
        }
        catch (Exception e) when (FastPath.Declines(e))
        {
            return null;
        }
    }

    /// <summary>JSON's white space: space, tab, line feed, carriage return.</summary>
    private static int SkipWhiteSpace(ReadOnlySpan<byte> bytes, int position)
    {
        while (position < bytes.Length && IsWhiteSpace(bytes[position]))
        {
            position++;
        }

        return position;
    }

    private static BenchmarkResult? ReadBenchmark(ref Utf8JsonReader r, int index, IBenchmarkSink run, LaunchCollector launches)
    {
        string? displayInfo = null, ns = null, type = null, method = null, methodTitle = null, parameters = null, fullName = null;
        var measurements = -1; // the array's length; -1 when absent
        ReportedStatistics? statistics = null;
        ImmutableArray<double> originalValues = [];
        MemoryFigures? memory = null;
        List<MetricValue> metrics = [];
        launches.Clear();
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("Measurements"u8))
            {
                Once(ref seen, 1);
                if (StartOf(ref r, JsonTokenType.StartArray))
                {
                    measurements = ReadMeasurements(ref r, launches);
                }
            }
            else if (name.SequenceEqual("Statistics"u8))
            {
                Once(ref seen, 2);
                if (StartOf(ref r, JsonTokenType.StartObject))
                {
                    statistics = ReadStatistics(ref r, out originalValues);
                }
            }
            else if (name.SequenceEqual("Memory"u8))
            {
                Once(ref seen, 4);
                if (StartOf(ref r, JsonTokenType.StartObject))
                {
                    memory = ReadMemory(ref r);
                }
            }
            else if (name.SequenceEqual("Metrics"u8))
            {
                Once(ref seen, 8);
                if (StartOf(ref r, JsonTokenType.StartArray))
                {
                    ReadMetrics(ref r, metrics);
                }
            }
            else if (name.SequenceEqual("DisplayInfo"u8))
            {
                Once(ref seen, 16);
                displayInfo = String(ref r);
            }
            else if (name.SequenceEqual("Namespace"u8))
            {
                Once(ref seen, 32);
                ns = String(ref r);
            }
            else if (name.SequenceEqual("Type"u8))
            {
                Once(ref seen, 64);
                type = String(ref r);
            }
            else if (name.SequenceEqual("Method"u8))
            {
                Once(ref seen, 128);
                method = String(ref r);
            }
            else if (name.SequenceEqual("MethodTitle"u8))
            {
                Once(ref seen, 256);
                methodTitle = String(ref r);
            }
            else if (name.SequenceEqual("Parameters"u8))
            {
                Once(ref seen, 512);
                parameters = String(ref r);
            }
            else if (name.SequenceEqual("FullName"u8))
            {
                Once(ref seen, 1024);
                fullName = String(ref r);
            }
            else
            {
                SkipOther(ref r, name, BenchmarkFields);
            }
        }

        // From here on as BenchmarkDotNetJsonReader.ReadBenchmark, on the values read.
        fullName ??= "";
        if (string.IsNullOrWhiteSpace(method))
        {
            run.SkipWithoutMethod(index);
            return null;
        }

        var qualifiedType = BenchmarkDotNetJsonReader.TypeFromFullName(fullName, method) ?? BenchmarkDotNetJsonReader.JoinNamespace(ns, type);
        if (string.IsNullOrWhiteSpace(qualifiedType))
        {
            run.SkipWithoutType(index, method);
            return null;
        }

        var id = BenchmarkDotNetJsonReader.Identify(qualifiedType, method, parameters, methodTitle, displayInfo);
        ImmutableArray<Launch> launchList = [];
        if (measurements >= 0)
        {
            if (measurements > 0)
            {
                run.SawMeasurements();
            }

            launchList = launches.ToLaunches();
        }

        var summary = statistics is { } reported ? BdnStatistics.Summarise(reported, BdnStatistics.Sample(originalValues, launchList)) : null;
        if (memory is { } m)
        {
            BdnMetrics.AddMemory(metrics, m.TotalOperations, [m.Gen0Collections, m.Gen1Collections, m.Gen2Collections], m.BytesAllocatedPerOperation);
        }

        return BenchmarkDotNetJsonReader.Result(id, fullName, launchList, originalValues, summary, memory?.BytesAllocatedPerOperation, [.. metrics]);
    }

    /// <summary>Adds each workload measurement to <paramref name="launches"/>; returns how many measurements there were.</summary>
    /// <remarks>
    /// This, <see cref="ReadMeasurement"/>, <see cref="ReadOriginalValues"/> and <see cref="Finite"/> run hundreds of
    /// thousands of times in a process that lives a second: they are compiled optimised at once, with the small
    /// helpers inlined, since tiered compilation would leave them at tier 0 for the whole of it (a JIT log of
    /// <c>perfgate check</c> shows almost nothing reaches tier 1). Medians of alternated <c>perfgate check</c> processes on
    /// the gate-speed data (1,000 benchmarks): ingest 329 → 284 ms with this at load 10; 207 → 138 ms with this and the
    /// launches in plain arrays (<see cref="LaunchCollector"/>) at load 5.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadMeasurements(ref Utf8JsonReader r, LaunchCollector launches)
    {
        var count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            count++;
            ReadMeasurement(ref r, launches);
        }

        return count;
    }

    /// <summary>
    /// The hot loop (a 1,000-benchmark report holds some 200,000 measurements): names and the mode and stage are
    /// compared as bytes in place, and the three numbers are kept as text until the kind says they are needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadMeasurement(ref Utf8JsonReader r, LaunchCollector launches)
    {
        scoped ReadOnlySpan<byte> mode = default, stage = default, operations = default, nanoseconds = default, launchIndex = default;
        var seen = 0;
        while (NextProperty(ref r))
        {
            // BenchmarkDotNet writes IterationMode, IterationStage, LaunchIndex, IterationIndex, Operations, Nanoseconds:
            // told apart by length first, then compared whole.
            var name = Name(ref r);
            switch (name.Length)
            {
                case 13 when name.SequenceEqual("IterationMode"u8):
                    Once(ref seen, 1);
                    mode = PlainText(ref r);
                    break;
                case 14 when name.SequenceEqual("IterationStage"u8):
                    Once(ref seen, 2);
                    stage = PlainText(ref r);
                    break;
                case 14 when name.SequenceEqual("IterationIndex"u8):
                    r.Skip(); // BenchmarkDotNet's own field, which the gate does not use
                    break;
                case 11 when name.SequenceEqual("LaunchIndex"u8):
                    Once(ref seen, 4);
                    launchIndex = NumberText(ref r);
                    break;
                case 10 when name.SequenceEqual("Operations"u8):
                    Once(ref seen, 8);
                    operations = NumberText(ref r);
                    break;
                case 11 when name.SequenceEqual("Nanoseconds"u8):
                    Once(ref seen, 16);
                    nanoseconds = NumberText(ref r);
                    break;
                default:
                    SkipOther(ref r, name, MeasurementFields);
                    break;
            }
        }

        // Without a mode and a stage (BenchmarkDotNet before 0.11), or with a mode other than these two, it is not the usual shape.
        Require((seen & 3) == 3);
        MeasurementKind kind;
        if (mode.SequenceEqual("Workload"u8))
        {
            kind = stage.SequenceEqual("Result"u8) ? MeasurementKind.Result : stage.SequenceEqual("Actual"u8) ? MeasurementKind.Actual : MeasurementKind.Skip;
        }
        else
        {
            Require(mode.SequenceEqual("Overhead"u8));
            kind = MeasurementKind.Skip;
        }

        if (kind == MeasurementKind.Skip)
        {
            return;
        }

        Require((seen & 28) == 28);
        var ops = Finite(operations);
        var ns = Finite(nanoseconds);
        var launch = Finite(launchIndex);
        Require(ops >= 0 && ns >= 0 && launch is >= 0 and <= int.MaxValue);
        launches.Add(kind, ops, ns, launch);
    }

    private static ReportedStatistics ReadStatistics(ref Utf8JsonReader r, out ImmutableArray<double> originalValues)
    {
        originalValues = [];
        double? mean = null, median = null, standardDeviation = null, min = null, max = null, p95 = null, standardError = null;
        int? n = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("Mean"u8))
            {
                Once(ref seen, 1);
                mean = NonNegative(ref r);
            }
            else if (name.SequenceEqual("Median"u8))
            {
                Once(ref seen, 2);
                median = NonNegative(ref r);
            }
            else if (name.SequenceEqual("StandardDeviation"u8))
            {
                Once(ref seen, 4);
                standardDeviation = NonNegative(ref r);
            }
            else if (name.SequenceEqual("Min"u8))
            {
                Once(ref seen, 8);
                min = NonNegative(ref r);
            }
            else if (name.SequenceEqual("Max"u8))
            {
                Once(ref seen, 16);
                max = NonNegative(ref r);
            }
            else if (name.SequenceEqual("StandardError"u8))
            {
                Once(ref seen, 32);
                standardError = Number(ref r);
            }
            else if (name.SequenceEqual("N"u8))
            {
                Once(ref seen, 64);
                var count = NonNegative(ref r);
                Require(count is not > int.MaxValue);
                n = count is { } c ? (int)c : null;
            }
            else if (name.SequenceEqual("Percentiles"u8))
            {
                Once(ref seen, 128);
                if (StartOf(ref r, JsonTokenType.StartObject))
                {
                    p95 = ReadPercentiles(ref r);
                }
            }
            else if (name.SequenceEqual("OriginalValues"u8))
            {
                Once(ref seen, 256);
                if (StartOf(ref r, JsonTokenType.StartArray))
                {
                    originalValues = ReadOriginalValues(ref r);
                }
            }
            else
            {
                SkipOther(ref r, name, StatisticsFields);
            }
        }

        return new ReportedStatistics(mean, median, standardDeviation, min, max, p95, n, standardError);
    }

    private static double? ReadPercentiles(ref Utf8JsonReader r)
    {
        double? p95 = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("P95"u8))
            {
                Once(ref seen, 1);
                p95 = NonNegative(ref r);
            }
            else
            {
                SkipOther(ref r, name, PercentilesFields);
            }
        }

        return p95;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImmutableArray<double> ReadOriginalValues(ref Utf8JsonReader r)
    {
        var values = new double[64];
        var count = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.Number);
            var value = Finite(r.ValueSpan);
            Require(value >= 0);
            if (count == values.Length)
            {
                Array.Resize(ref values, count * 2);
            }

            values[count++] = value;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(values[..count]);
    }

    private readonly record struct MemoryFigures(double? BytesAllocatedPerOperation, double? TotalOperations, double? Gen0Collections, double? Gen1Collections, double? Gen2Collections);

    private static MemoryFigures ReadMemory(ref Utf8JsonReader r)
    {
        double? bytes = null, total = null, gen0 = null, gen1 = null, gen2 = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("BytesAllocatedPerOperation"u8))
            {
                Once(ref seen, 1);
                bytes = NonNegative(ref r);
            }
            else if (name.SequenceEqual("TotalOperations"u8))
            {
                Once(ref seen, 2);
                total = Number(ref r);
            }
            else if (name.SequenceEqual("Gen0Collections"u8))
            {
                Once(ref seen, 4);
                gen0 = Number(ref r);
            }
            else if (name.SequenceEqual("Gen1Collections"u8))
            {
                Once(ref seen, 8);
                gen1 = Number(ref r);
            }
            else if (name.SequenceEqual("Gen2Collections"u8))
            {
                Once(ref seen, 16);
                gen2 = Number(ref r);
            }
            else
            {
                SkipOther(ref r, name, MemoryFields);
            }
        }

        return new MemoryFigures(bytes, total, gen0, gen1, gen2);
    }

    private static void ReadMetrics(ref Utf8JsonReader r, List<MetricValue> metrics)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            Require(r.TokenType == JsonTokenType.StartObject);
            double? value = null;
            string? id = null, displayName = null, unit = null;
            bool? theGreaterTheBetter = null;
            double? unitType = null;
            var hasDescriptor = false;
            var seen = 0;
            while (NextProperty(ref r))
            {
                var name = Name(ref r);
                if (name.SequenceEqual("Value"u8))
                {
                    Once(ref seen, 1);
                    value = Number(ref r);
                }
                else if (name.SequenceEqual("Descriptor"u8))
                {
                    Once(ref seen, 2);
                    hasDescriptor = StartOf(ref r, JsonTokenType.StartObject);
                    if (hasDescriptor)
                    {
                        ReadDescriptor(ref r, out id, out displayName, out unit, out theGreaterTheBetter, out unitType);
                    }
                }
                else
                {
                    SkipOther(ref r, name, MetricFields);
                }
            }

            // As BdnMetrics.Read: NaN ("") values and entries without an id are not figures.
            var metricId = id ?? displayName;
            if (value is { } v && hasDescriptor && !string.IsNullOrEmpty(metricId))
            {
                metrics.Add(BdnMetrics.Metric(metricId, displayName, v, unit, theGreaterTheBetter, unitType));
            }
        }
    }

    private static void ReadDescriptor(ref Utf8JsonReader r, out string? id, out string? displayName, out string? unit, out bool? theGreaterTheBetter, out double? unitType)
    {
        id = displayName = unit = null;
        theGreaterTheBetter = null;
        unitType = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("Id"u8))
            {
                Once(ref seen, 1);
                id = String(ref r);
            }
            else if (name.SequenceEqual("DisplayName"u8))
            {
                Once(ref seen, 2);
                displayName = String(ref r);
            }
            else if (name.SequenceEqual("Unit"u8))
            {
                Once(ref seen, 4);
                unit = String(ref r);
            }
            else if (name.SequenceEqual("TheGreaterTheBetter"u8))
            {
                Once(ref seen, 8);
                r.Read();
                theGreaterTheBetter = r.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw new NotTheUsualShape(),
                };
            }
            else if (name.SequenceEqual("UnitType"u8))
            {
                Once(ref seen, 16);
                unitType = Number(ref r);
            }
            else
            {
                SkipOther(ref r, name, DescriptorFields);
            }
        }
    }

    private static HostFingerprint ReadHost(ref Utf8JsonReader r)
    {
        string? os = null, processor = null, runtime = null, architecture = null, benchmarkDotNet = null;
        double? cores = null;
        var seen = 0;
        while (NextProperty(ref r))
        {
            var name = Name(ref r);
            if (name.SequenceEqual("OsVersion"u8))
            {
                Once(ref seen, 1);
                os = String(ref r);
            }
            else if (name.SequenceEqual("ProcessorName"u8))
            {
                Once(ref seen, 2);
                processor = String(ref r);
            }
            else if (name.SequenceEqual("LogicalCoreCount"u8))
            {
                Once(ref seen, 4);
                cores = Number(ref r);
            }
            else if (name.SequenceEqual("RuntimeVersion"u8))
            {
                Once(ref seen, 8);
                runtime = String(ref r);
            }
            else if (name.SequenceEqual("Architecture"u8))
            {
                Once(ref seen, 16);
                architecture = String(ref r);
            }
            else if (name.SequenceEqual("BenchmarkDotNetVersion"u8))
            {
                Once(ref seen, 32);
                benchmarkDotNet = String(ref r);
            }
            else
            {
                SkipOther(ref r, name, HostFields);
            }
        }

        return BdnHost.From(os, processor, cores, runtime, architecture, benchmarkDotNet);
    }

    // ---- tokens ----------------------------------------------------------------------------------------------------

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NextProperty(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

    /// <summary>The current property's name as written; an escaped one is not the usual shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader r)
    {
        Require(!r.ValueIsEscaped);
        return r.ValueSpan;
    }

    /// <summary>A field the fast path knows, seen a second time in one object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Once(ref int seen, int bit)
    {
        Require((seen & bit) == 0);
        seen |= bit;
    }

    /// <summary>
    /// Skips the value of a field the gate does not use, unless its name could be taken for one it does: the careful
    /// reader matches names ignoring case when the exact one is missing (and decodes every name then).
    /// </summary>
    private static void SkipOther(ref Utf8JsonReader r, scoped ReadOnlySpan<byte> name, byte[][] known)
    {
        Require(Ascii.IsValid(name));
        foreach (var field in known)
        {
            Require(!Ascii.EqualsIgnoreCase(name, field));
        }

        r.Skip();
    }

    /// <summary>Moves to the value: true when it starts <paramref name="start"/>, false when it is null; anything else is unusual.</summary>
    private static bool StartOf(ref Utf8JsonReader r, JsonTokenType start)
    {
        r.Read();
        Require(r.TokenType == start || r.TokenType == JsonTokenType.Null);
        return r.TokenType == start;
    }

    private static string? String(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType is JsonTokenType.String or JsonTokenType.Null);
        return r.GetString(); // null for null; throws InvalidOperationException for invalid UTF-8
    }

    /// <summary>A string value's bytes as written (no escapes), without decoding it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> PlainText(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.String && !r.ValueIsEscaped);
        return r.ValueSpan;
    }

    /// <summary>A number's text, parsed later by <see cref="Finite"/> if needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> NumberText(ref Utf8JsonReader r)
    {
        r.Read();
        Require(r.TokenType == JsonTokenType.Number);
        return r.ValueSpan;
    }

    /// <summary>A finite number, or null for null and for <c>""</c> (BenchmarkDotNet's NaN).</summary>
    private static double? Number(ref Utf8JsonReader r)
    {
        r.Read();
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                return Finite(r.ValueSpan);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when r.ValueSpan.IsEmpty:
                return null;
            default:
                Unusual();
                return null;
        }
    }

    private static double? NonNegative(ref Utf8JsonReader r)
    {
        var value = Number(ref r);
        Require(value is not < 0);
        return value;
    }
}
