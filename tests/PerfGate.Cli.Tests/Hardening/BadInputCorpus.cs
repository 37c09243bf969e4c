using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Hardening;

/// <summary>
/// Bad input made from the real BenchmarkDotNet fixtures, the way CI produces it: cut-off uploads, hand edits, other
/// tools' output, a crashed benchmark, merged files. Every case is built in memory by the tests; nothing is checked in.
/// </summary>
internal static class BadInputCorpus
{
    public const string ReportName = "BdnFixtures.ParserBenchmarks-report-full.json";

    public static readonly string Run1 = CliRunner.Run1;

    public static readonly string Run2 = CliRunner.Run2;

    /// <summary>A real report of another project (its benchmarks share no id with <see cref="Run1"/>).</summary>
    public static readonly string OtherProject = CliRunner.Fixture("bdn-0.13.12", "Modern.Codec-report-full-compressed.json");

    private static readonly Lazy<byte[]> Run1Bytes = new(() => File.ReadAllBytes(Run1));

    public static byte[] Original => Run1Bytes.Value;

    public static JsonObject Parse() => JsonNode.Parse(Run1Bytes.Value)!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static JsonArray Benchmarks(JsonObject root) => root["Benchmarks"]!.AsArray();

    public static JsonObject Benchmark(JsonObject root, int index) => Benchmarks(root)[index]!.AsObject();

    // ---- truncation ----------------------------------------------------------------------------------------------

    public const int TruncationCount = 40;

    /// <summary>40 cut points spread evenly over the file, from the first bytes to just before the closing brace.</summary>
    public static TheoryData<int> TruncationOffsets()
    {
        var data = new TheoryData<int>();
        var last = Array.LastIndexOf(Run1Bytes.Value, (byte)'}');
        for (var i = 0; i < TruncationCount; i++)
        {
            data.Add(1 + (int)((long)(last - 1) * i / (TruncationCount - 1)));
        }

        return data;
    }

    public static byte[] Truncated(int offset) => Run1Bytes.Value[..offset];

    // ---- wrong types ---------------------------------------------------------------------------------------------

    /// <summary>One important field given the wrong JSON type; the message must name the JSON path.</summary>
    public sealed record Mutation(Action<JsonObject> Apply, string Problem);

    private const int B = 3;                // a Join benchmark with measurements, statistics, memory and metrics
    private const int ResultMeasurement = 36; // its first Workload/Result measurement

    public static readonly IReadOnlyDictionary<string, Mutation> WrongTypes = new Dictionary<string, Mutation>(StringComparer.Ordinal)
    {
        ["Benchmarks-object"] = new(r => r["Benchmarks"] = new JsonObject(), "'Benchmarks' is an object, expected an array"),
        ["Benchmarks-string"] = new(r => r["Benchmarks"] = "many", "'Benchmarks' is a string, expected an array"),
        ["Benchmarks-number"] = new(r => r["Benchmarks"] = 36, "'Benchmarks' is a number, expected an array"),
        ["benchmark-number"] = new(r => Benchmarks(r)[B] = 42, $"Benchmarks[{B}]: expected an object, found a number"),
        ["benchmark-array"] = new(r => Benchmarks(r)[B] = new JsonArray(), $"Benchmarks[{B}]: expected an object, found an array"),
        ["Method-number"] = new(r => Benchmark(r, B)["Method"] = 5, $"Benchmarks[{B}].Method: expected a string, found a number"),
        ["FullName-array"] = new(r => Benchmark(r, B)["FullName"] = new JsonArray(), $"Benchmarks[{B}].FullName: expected a string, found an array"),
        ["Type-number-without-FullName"] = new(r => { Benchmark(r, B).Remove("FullName"); Benchmark(r, B)["Type"] = 7; }, $"Benchmarks[{B}].Type: expected a string, found a number"),
        ["Parameters-number"] = new(r => Benchmark(r, B)["Parameters"] = 10, $"Benchmarks[{B}].Parameters: expected a string, found a number"),
        ["DisplayInfo-object"] = new(r => Benchmark(r, B)["DisplayInfo"] = new JsonObject(), $"Benchmarks[{B}].DisplayInfo: expected a string, found an object"),
        ["Statistics-string"] = new(r => Benchmark(r, B)["Statistics"] = "fast", $"Benchmarks[{B}].Statistics: expected an object, found a string"),
        ["Statistics-array"] = new(r => Benchmark(r, B)["Statistics"] = new JsonArray(1, 2), $"Benchmarks[{B}].Statistics: expected an object, found an array"),
        ["Mean-text"] = new(r => Stats(r)["Mean"] = "quick", $"Benchmarks[{B}].Statistics.Mean: expected a number, found the text \"quick\""),
        ["Mean-object"] = new(r => Stats(r)["Mean"] = new JsonObject(), $"Benchmarks[{B}].Statistics.Mean: expected a number, found an object"),
        ["Mean-boolean"] = new(r => Stats(r)["Mean"] = true, $"Benchmarks[{B}].Statistics.Mean: expected a number, found a boolean"),
        ["Median-text"] = new(r => Stats(r)["Median"] = "middle", $"Benchmarks[{B}].Statistics.Median: expected a number"),
        ["N-text"] = new(r => Stats(r)["N"] = "many", $"Benchmarks[{B}].Statistics.N: expected a number"),
        ["StandardDeviation-array"] = new(r => Stats(r)["StandardDeviation"] = new JsonArray(), $"Benchmarks[{B}].Statistics.StandardDeviation: expected a number, found an array"),
        ["OriginalValues-object"] = new(r => Stats(r)["OriginalValues"] = new JsonObject(), $"Benchmarks[{B}].Statistics.OriginalValues: expected an array, found an object"),
        ["OriginalValues-item-text"] = new(r => Stats(r)["OriginalValues"]!.AsArray()[0] = "slow", $"Benchmarks[{B}].Statistics.OriginalValues[0]: expected a number"),
        ["Percentiles-number"] = new(r => Stats(r)["Percentiles"] = 95, $"Benchmarks[{B}].Statistics.Percentiles: expected an object, found a number"),
        ["P95-text"] = new(r => Stats(r)["Percentiles"]!["P95"] = "high", $"Benchmarks[{B}].Statistics.Percentiles.P95: expected a number"),
        ["Measurements-object"] = new(r => Benchmark(r, B)["Measurements"] = new JsonObject(), $"Benchmarks[{B}].Measurements: expected an array, found an object"),
        ["Measurements-string"] = new(r => Benchmark(r, B)["Measurements"] = "none", $"Benchmarks[{B}].Measurements: expected an array, found a string"),
        ["measurement-number"] = new(r => Measurements(r)[ResultMeasurement] = 3, $"Benchmarks[{B}].Measurements[{ResultMeasurement}]: expected an object, found a number"),
        ["Nanoseconds-text"] = new(r => Measurement(r)["Nanoseconds"] = "slow", $"Benchmarks[{B}].Measurements[{ResultMeasurement}].Nanoseconds: expected a number"),
        ["Nanoseconds-object"] = new(r => Measurement(r)["Nanoseconds"] = new JsonObject(), $"Benchmarks[{B}].Measurements[{ResultMeasurement}].Nanoseconds: expected a number, found an object"),
        ["Operations-array"] = new(r => Measurement(r)["Operations"] = new JsonArray(), $"Benchmarks[{B}].Measurements[{ResultMeasurement}].Operations: expected a number, found an array"),
        ["LaunchIndex-text"] = new(r => Measurement(r)["LaunchIndex"] = "first", $"Benchmarks[{B}].Measurements[{ResultMeasurement}].LaunchIndex: expected a number"),
        ["IterationMode-number"] = new(r => Measurement(r)["IterationMode"] = 5, $"Benchmarks[{B}].Measurements[{ResultMeasurement}].IterationMode: expected a string, found a number"),
        ["Memory-string"] = new(r => Benchmark(r, B)["Memory"] = "lots", $"Benchmarks[{B}].Memory: expected an object, found a string"),
        ["BytesAllocated-text"] = new(r => Benchmark(r, B)["Memory"]!["BytesAllocatedPerOperation"] = "lots", $"Benchmarks[{B}].Memory.BytesAllocatedPerOperation: expected a number"),
        ["Metrics-object"] = new(r => Benchmark(r, B)["Metrics"] = new JsonObject(), $"Benchmarks[{B}].Metrics: expected an array, found an object"),
        ["metric-string"] = new(r => Benchmark(r, B)["Metrics"]!.AsArray()[0] = "Gen0", $"Benchmarks[{B}].Metrics[0]: expected an object, found a string"),
        ["metric-Value-text"] = new(r => Benchmark(r, B)["Metrics"]![0]!["Value"] = "zero", $"Benchmarks[{B}].Metrics[0].Value: expected a number"),
        ["metric-Descriptor-number"] = new(r => Benchmark(r, B)["Metrics"]![0]!["Descriptor"] = 5, $"Benchmarks[{B}].Metrics[0].Descriptor: expected an object, found a number"),
        ["HostEnvironmentInfo-string"] = new(r => r["HostEnvironmentInfo"] = "a laptop", "HostEnvironmentInfo: expected an object, found a string"),
        ["LogicalCoreCount-text"] = new(r => r["HostEnvironmentInfo"]!["LogicalCoreCount"] = "eight", "HostEnvironmentInfo.LogicalCoreCount: expected a number"),
        ["ProcessorName-number"] = new(r => r["HostEnvironmentInfo"]!["ProcessorName"] = 42, "HostEnvironmentInfo.ProcessorName: expected a string, found a number"),
        ["Title-number"] = new(r => r["Title"] = 2026, "Title: expected a string, found a number"),
    };

    public static TheoryData<string> Names(IReadOnlyDictionary<string, Mutation> cases) => [.. cases.Keys];

    public static byte[] Mutated(Mutation mutation)
    {
        var root = Parse();
        mutation.Apply(root);
        return Bytes(root);
    }

    // ---- NaN, Infinity, negative and zero times ------------------------------------------------------------------

    /// <summary>Impossible figures: a time below zero, or a non-finite number where BenchmarkDotNet never writes one.</summary>
    public static readonly IReadOnlyDictionary<string, Mutation> ImpossibleNumbers = new Dictionary<string, Mutation>(StringComparer.Ordinal)
    {
        ["Mean-negative"] = new(r => Stats(r)["Mean"] = -1234.5, $"Benchmarks[{B}].Statistics.Mean: a time cannot be negative (-1234.5)"),
        ["Median-negative"] = new(r => Stats(r)["Median"] = -1, $"Benchmarks[{B}].Statistics.Median: a time cannot be negative (-1)"),
        ["Min-negative"] = new(r => Stats(r)["Min"] = -0.5, $"Benchmarks[{B}].Statistics.Min: a time cannot be negative (-0.5)"),
        ["OriginalValue-negative"] = new(r => Stats(r)["OriginalValues"]!.AsArray()[1] = -7, $"Benchmarks[{B}].Statistics.OriginalValues[1]: a time cannot be negative (-7)"),
        ["Nanoseconds-negative"] = new(r => Measurement(r)["Nanoseconds"] = -100, $"Benchmarks[{B}].Measurements[{ResultMeasurement}].Nanoseconds: a time cannot be negative (-100)"),
        ["Operations-negative"] = new(r => Measurement(r)["Operations"] = -16, $"Benchmarks[{B}].Measurements[{ResultMeasurement}].Operations: cannot be negative (-16)"),
        ["N-negative"] = new(r => Stats(r)["N"] = -3, $"Benchmarks[{B}].Statistics.N: cannot be negative (-3)"),
        ["N-huge"] = new(r => Stats(r)["N"] = 1e300, $"Benchmarks[{B}].Statistics.N: not a count"),
        ["LaunchIndex-huge"] = new(r => Measurement(r)["LaunchIndex"] = 1e30, $"Benchmarks[{B}].Measurements[{ResultMeasurement}].LaunchIndex: not a count"),
        ["Bytes-negative"] = new(r => Benchmark(r, B)["Memory"]!["BytesAllocatedPerOperation"] = -8, $"Benchmarks[{B}].Memory.BytesAllocatedPerOperation: cannot be negative (-8)"),
    };

    /// <summary>
    /// Valid figures that are easy to get wrong: NaN and Infinity as BenchmarkDotNet writes them (<c>""</c>) and as other
    /// writers do (<c>"NaN"</c>), read as "no value"; zero and extreme but finite times, judged like any other.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> TolerableNonFinite = new Dictionary<string, Action<JsonObject>>(StringComparer.Ordinal)
    {
        ["StandardDeviation-bdn-empty"] = r => Stats(r)["StandardDeviation"] = "",
        ["Mean-bdn-empty"] = r => Stats(r)["Mean"] = "",
        ["Mean-NaN-string"] = r => Stats(r)["Mean"] = "NaN",
        ["Mean-Infinity-string"] = r => Stats(r)["Mean"] = "Infinity",
        ["Median-minus-Infinity-string"] = r => Stats(r)["Median"] = "-Infinity",
        ["P95-NaN-string"] = r => Stats(r)["Percentiles"]!["P95"] = "NaN",
        ["metric-Value-bdn-empty"] = r => Benchmark(r, B)["Metrics"]![0]!["Value"] = "",
        ["every-time-zero"] = r => SetTimes(r, 0),
        ["every-time-1e300"] = r => SetTimes(r, 1e300),
        ["every-time-1e-300"] = r => SetTimes(r, 1e-300),
        ["every-time-max-double"] = r => SetTimes(r, double.MaxValue),
    };

    /// <summary>Bare <c>NaN</c>/<c>Infinity</c> tokens (Json.NET's default): not JSON at all.</summary>
    public static readonly IReadOnlyDictionary<string, string> NonFiniteTokens = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Mean-bare-NaN"] = "NaN",
        ["Mean-bare-Infinity"] = "Infinity",
        ["Mean-bare-minus-Infinity"] = "-Infinity",
    };

    public static byte[] WithBareToken(string token)
    {
        var root = Parse();
        Stats(root)["Mean"] = "@@TOKEN@@";
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace("\"@@TOKEN@@\"", token, StringComparison.Ordinal));
    }

    /// <summary>
    /// Every time of one benchmark set to <paramref name="nanoseconds"/>: 0 is what BenchmarkDotNet reports for an empty
    /// method and must not divide by zero anywhere; the extremes must not overflow into NaN or ∞ in a report.
    /// </summary>
    private static void SetTimes(JsonObject root, double nanoseconds)
    {
        var benchmark = Benchmark(root, B);
        foreach (var m in benchmark["Measurements"]!.AsArray())
        {
            if ((string?)m!["IterationMode"] == "Workload")
            {
                m["Nanoseconds"] = nanoseconds;
            }
        }

        var stats = benchmark["Statistics"]!.AsObject();
        foreach (var key in new[] { "Min", "LowerFence", "Q1", "Median", "Mean", "Q3", "UpperFence", "Max" })
        {
            stats[key] = nanoseconds;
        }

        foreach (var key in new[] { "StandardError", "Variance", "StandardDeviation" })
        {
            stats[key] = 0;
        }

        var values = stats["OriginalValues"]!.AsArray();
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = nanoseconds;
        }

        var percentiles = stats["Percentiles"]!.AsObject();
        foreach (var key in percentiles.Select(p => p.Key).ToList())
        {
            percentiles[key] = nanoseconds;
        }
    }

    // ---- failed benchmarks, duplicates --------------------------------------------------------------------------

    /// <summary>A benchmark that failed to run: BenchmarkDotNet writes no Statistics and no measurements for it.</summary>
    public static void FailBenchmark(JsonObject root, int index)
    {
        var b = Benchmark(root, index);
        b["Statistics"] = null;
        b.Remove("Measurements");
        b.Remove("Memory");
        b.Remove("Metrics");
    }

    public static byte[] WithFailedBenchmarks(params int[] indexes)
    {
        var root = Parse();
        foreach (var i in indexes)
        {
            FailBenchmark(root, i);
        }

        return Bytes(root);
    }

    public static byte[] AllFailed() => WithFailedBenchmarks([.. Enumerable.Range(0, Benchmarks(Parse()).Count)]);

    /// <summary>Benchmark 3 written twice in one file, the copy three times slower.</summary>
    public static byte[] DuplicateWithinFile()
    {
        var root = Parse();
        var copy = Benchmark(root, B).DeepClone().AsObject();
        var stats = copy["Statistics"]!.AsObject();
        stats["Mean"] = stats["Mean"]!.GetValue<double>() * 3;
        Benchmarks(root).Add(copy);
        return Bytes(root);
    }

    // ---- size, nesting, encoding ---------------------------------------------------------------------------------

    /// <summary>
    /// The real report padded to about <paramref name="megabytes"/> MB with copies of its benchmarks under distinct
    /// method names (written as text: building a 50 MB node tree would measure the test, not the reader).
    /// </summary>
    public static void WriteLarge(string path, int megabytes)
    {
        var root = Parse();
        var originals = Benchmarks(root).Select(b => b!.ToJsonString()).ToList();
        root["Benchmarks"] = new JsonArray();
        var head = root.ToJsonString();
        var open = head.LastIndexOf("[]", StringComparison.Ordinal);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(head.AsSpan(0, open + 1));
        var target = (long)megabytes * 1024 * 1024;
        long written = 0;
        for (var copy = 0; written < target; copy++)
        {
            foreach (var json in originals)
            {
                var renamed = json
                    .Replace("\"Method\":\"Join\"", $"\"Method\":\"Join{copy}\"", StringComparison.Ordinal)
                    .Replace("\"Method\":\"Sum\"", $"\"Method\":\"Sum{copy}\"", StringComparison.Ordinal)
                    .Replace("\"Method\":\"Throws\"", $"\"Method\":\"Throws{copy}\"", StringComparison.Ordinal)
                    .Replace("\"MethodTitle\":\"Join\"", $"\"MethodTitle\":\"Join{copy}\"", StringComparison.Ordinal)
                    .Replace("\"MethodTitle\":\"Sum\"", $"\"MethodTitle\":\"Sum{copy}\"", StringComparison.Ordinal)
                    .Replace("\"MethodTitle\":\"Throws\"", $"\"MethodTitle\":\"Throws{copy}\"", StringComparison.Ordinal)
                    .Replace("ParserBenchmarks.Join(", $"ParserBenchmarks.Join{copy}(", StringComparison.Ordinal)
                    .Replace("ParserBenchmarks.Sum(", $"ParserBenchmarks.Sum{copy}(", StringComparison.Ordinal)
                    .Replace("ParserBenchmarks.Throws(", $"ParserBenchmarks.Throws{copy}(", StringComparison.Ordinal);
                if (written > 0)
                {
                    writer.Write(',');
                }

                writer.Write(renamed);
                written += renamed.Length + 1;
            }
        }

        writer.Write(head.AsSpan(open + 1));
    }

    public static byte[] DeeplyNested(int depth, bool insideReport)
    {
        var nest = new StringBuilder(depth * 2 + 16);
        nest.Append('[', depth).Append('1').Append(']', depth);
        if (!insideReport)
        {
            return Encoding.UTF8.GetBytes(nest.ToString());
        }

        var root = Parse();
        Stats(root)["Mean"] = "@@NEST@@";
        return Encoding.UTF8.GetBytes(root.ToJsonString().Replace("\"@@NEST@@\"", nest.ToString(), StringComparison.Ordinal));
    }

    /// <summary>Text that is not UTF-8, and the problem named for it.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<byte[]> Content, string Problem)> InvalidUtf8 = new Dictionary<string, (Func<byte[]>, string)>(StringComparer.Ordinal)
    {
        ["lone-lead-byte-in-Method"] = (() => ReplaceFirst("\"Method\":\"Join\"", "\"Method\":\"Jo\u0001n\"", 0xC3), "Benchmarks[0].Method: invalid UTF-8 text"),
        ["continuation-byte-in-FullName"] = (() => ReplaceFirst("ParserBenchmarks.Join(", "ParserBenchmarks.J\u0001in(", 0x80), "Benchmarks[0].FullName: invalid UTF-8 text"),
        ["0xFF-in-property-name"] = (() => ReplaceFirst("\"Statistics\":", "\"Stat\u0001stics\":", 0xFF), "invalid UTF-8 text"),
        ["overlong-slash-in-Parameters"] = (Overlong, "Benchmarks[0].Parameters: invalid UTF-8 text"),
        ["latin1-name"] = (() => Encoding.Latin1.GetBytes(Parse().ToJsonString().Replace("\"Method\":\"Join\"", "\"Method\":\"Jöin\"", StringComparison.Ordinal)), "Benchmarks[0].Method: invalid UTF-8 text"),
        ["utf16-le-with-bom"] = (() => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Parse().ToJsonString())], "the file is UTF-16 text, not UTF-8"),
        ["utf16-be-without-bom"] = (() => Encoding.BigEndianUnicode.GetBytes(Parse().ToJsonString()), "the file is UTF-16 text, not UTF-8"),
        ["utf32-le-with-bom"] = (() => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Parse().ToJsonString())], "the file is UTF-32 text, not UTF-8"),
        ["random-binary"] = (() => RandomBytes(4096), "malformed JSON at line 1"),
    };

    private static byte[] ReplaceFirst(string find, string withMarker, byte bad)
    {
        var text = Parse().ToJsonString();
        var at = text.IndexOf(find, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..at] + withMarker + text[(at + find.Length)..]);
        bytes[Array.IndexOf(bytes, (byte)1)] = bad;
        return bytes;
    }

    private static byte[] Overlong()
    {
        // 0xC0 0xAF is an overlong '/', which a lenient decoder would accept.
        var bytes = ReplaceFirst("\"Parameters\":\"Count=10", "\"Parameters\":\"Count=10\u0001", 0xC0);
        var at = Array.IndexOf(bytes, (byte)0xC0);
        return [.. bytes[..(at + 1)], 0xAF, .. bytes[(at + 1)..]];
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20261130).NextBytes(bytes);
        bytes[0] = (byte)'{';
        return bytes;
    }

    // ---- names that are valid but hostile to reports -------------------------------------------------------------

    public static readonly string LongName = "Long" + new string('x', 10_000);

    public static readonly string[] HostileNames = ["Pipe|In|Name", "Back`tick``s", "<script>alert(1)</script>", "New\nLine\r\nName", LongName];

    /// <summary>The report with the first five Join benchmarks' method names replaced by <see cref="HostileNames"/>.</summary>
    public static byte[] WithHostileNames()
    {
        var root = Parse();
        var joins = Benchmarks(root).Select(b => b!.AsObject()).Where(b => (string?)b["Method"] == "Join").Take(HostileNames.Length).ToList();
        for (var i = 0; i < HostileNames.Length; i++)
        {
            var b = joins[i];
            b["Method"] = HostileNames[i];
            b["MethodTitle"] = HostileNames[i];
            b["FullName"] = ((string)b["FullName"]!).Replace(".Join(", "." + HostileNames[i] + "(", StringComparison.Ordinal);
            b["DisplayInfo"] = ((string)b["DisplayInfo"]!).Replace(".Join:", "." + HostileNames[i] + ":", StringComparison.Ordinal);
        }

        return Bytes(root);
    }

    // ---- baselines -----------------------------------------------------------------------------------------------

    public static readonly IReadOnlyDictionary<string, (string Content, string Problem)> BadBaselines = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["future-format"] = ("""{ "format": "perfgate-baseline/9", "benchmarks": [] }""", "unsupported baseline format 'perfgate-baseline/9'"),
        ["other-format"] = ("""{ "format": "someone-elses/1", "benchmarks": [] }""", "unsupported baseline format 'someone-elses/1'"),
        ["format-number"] = ("""{ "format": 1, "benchmarks": [] }""", "not a PerfGate baseline"),
        ["no-format"] = ("""{ "benchmarks": [] }""", "not a PerfGate baseline"),
        ["garbage-text"] = ("this is not json, it is a merge conflict\n<<<<<<< HEAD\n", "truncated or malformed JSON"),
        ["array"] = ("[1, 2, 3]", "not a PerfGate baseline"),
        ["empty"] = ("", "empty file"),
        ["benchmark-without-method"] = ("""{ "format": "perfgate-baseline/1", "benchmarks": [ { "type": "T" } ] }""", "benchmarks[0]: 'method' is required"),
        ["statistics-text"] = ("""{ "format": "perfgate-baseline/1", "benchmarks": [ { "type": "T", "method": "M", "statistics": "fast" } ] }""", "benchmarks[0].statistics: expected an object"),
    };

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static JsonObject Stats(JsonObject root) => Benchmark(root, B)["Statistics"]!.AsObject();

    private static JsonArray Measurements(JsonObject root) => Benchmark(root, B)["Measurements"]!.AsArray();

    private static JsonObject Measurement(JsonObject root) => Measurements(root)[ResultMeasurement]!.AsObject();

    public static string Describe(int value) => value.ToString(CultureInfo.InvariantCulture);
}
