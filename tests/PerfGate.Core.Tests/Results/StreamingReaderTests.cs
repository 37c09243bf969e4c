using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

/// <summary>
/// The streaming fast path (<see cref="BdnStreamingReader"/>) against the careful reader (<see cref="JsonDocument"/>
/// walked with every check): on a report as BenchmarkDotNet writes it the fast path must answer, and answer the same;
/// on anything else it must either answer the same or leave the file to the careful reader.
/// </summary>
public sealed class StreamingReaderTests
{
    public static TheoryData<string> RealReports =>
    [
        Path.Combine("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-full.json"),
        Path.Combine("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-full-compressed.json"),
        Path.Combine("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-brief.json"),
        Path.Combine("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-brief-compressed.json"),
        Path.Combine("bdn-0.14.0", "run2", "BdnFixtures.ParserBenchmarks-report-full.json"),
        Path.Combine("bdn-0.13.12", "Modern.Codec-report-full-compressed.json"),
        Path.Combine("bdn-0.13.12", "Modern.Codec-report-brief.json"),
        Path.Combine("bdn-0.12.1", "Legacy.Benchmarks.Outer.Inner-report-full.json"),
    ];

    [Theory]
    [MemberData(nameof(RealReports))]
    public void A_real_report_is_read_by_the_fast_path_exactly_as_the_careful_reader_reads_it(string file)
    {
        var bytes = File.ReadAllBytes(Fixture.Path(file));

        var fast = BdnStreamingReader.TryRead(bytes, "report.json");

        fast.ShouldNotBeNull("a report as BenchmarkDotNet writes it must not need the careful reader");
        Describe(fast).ShouldBe(Outcome(Careful, bytes, "report.json"));
        fast.Results.ShouldContain(r => !r.FailedToRun);
    }

    [Fact]
    public void A_byte_order_mark_and_other_white_space_change_nothing()
    {
        var bytes = File.ReadAllBytes(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1));
        var compact = Encoding.UTF8.GetBytes(JsonNode.Parse(bytes)!.ToJsonString());
        var withBom = (byte[])[0xEF, 0xBB, 0xBF, .. bytes];

        foreach (var variant in new[] { compact, withBom })
        {
            var fast = BdnStreamingReader.TryRead(variant, "report.json");
            fast.ShouldNotBeNull();
            Describe(fast).ShouldBe(Outcome(Careful, bytes, "report.json"));
        }
    }

    /// <summary>Valid but unusual input the fast path leaves to the careful reader (which reads it, its own way).</summary>
    public static TheoryData<string, string, string> Declined => new()
    {
        { "a field name in other casing", "\"Method\":", "\"method\":" },
        { "an escaped field name", "\"FullName\":", "\"\\u0046ullName\":" },
        { "a field written twice", "\"Method\":\"Join\",", "\"Method\":\"Join\",\"Method\":\"Join\"," },
        { "NaN written as text", "\"Mean\":", "\"Mean\":\"NaN\",\"Ignored\":" },
        { "a number written as text", "\"Operations\":", "\"Operations\":\"16\",\"Ignored\":" },
        { "a perfgate-metrics format tag", "\"Title\":", "\"format\":\"x\",\"Title\":" },
        { "a boolean written as text", "\"TheGreaterTheBetter\":false", "\"TheGreaterTheBetter\":\"false\"" },
        { "a measurement without a stage", "\"IterationStage\":\"Jitting\",", "" },
        { "a non-ASCII name of a field the gate skips", "\"HardwareIntrinsics\":", "\"HardwareIntrinsicſ\":" },
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void Unusual_input_is_left_to_the_careful_reader(string what, string find, string replace)
    {
        var bytes = Mutated(find, replace);

        BdnStreamingReader.TryRead(bytes, "report.json").ShouldBeNull(what);
        Outcome(Combined, bytes).ShouldBe(Outcome(Careful, bytes), what);
    }

    /// <summary>
    /// Hundreds of single edits of a real report (a field removed, nulled, emptied, negated, given another type or
    /// renamed; the edits cover every kind of object in it): whatever the careful reader makes of each — a result, a
    /// warning, or its message — the reader with the fast path in front makes the same.
    /// </summary>
    [Fact]
    public void Any_single_edit_of_a_report_reads_the_same_with_the_fast_path_as_without()
    {
        var original = JsonNode.Parse(File.ReadAllBytes(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1)))!;
        var places = Places(original).ToList();
        var random = new Random(20261203);
        var fastAnswers = 0;
        var declined = 0;
        for (var i = 0; i < 600; i++)
        {
            var root = original.DeepClone();
            var (path, edit) = (places[random.Next(places.Count)], random.Next(Edits.Length));
            var target = Find(root, path);
            var name = Edits[edit](target);
            var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());

            var careful = Outcome(Careful, bytes);
            Outcome(Combined, bytes).ShouldBe(careful, $"{name} at {path}");
            if (BdnStreamingReader.TryRead(bytes, "report.json") is null)
            {
                declined++;
            }
            else
            {
                fastAnswers++;
            }
        }

        // The edits must exercise both sides: answers of the fast path and files it leaves to the careful reader.
        fastAnswers.ShouldBeGreaterThan(100);
        declined.ShouldBeGreaterThan(100);
    }

    // ---- edits -------------------------------------------------------------------------------------------------------

    private static readonly Func<JsonNode, string>[] Edits =
    [
        n => Remove(n),
        n => Set(n, null, "null"),
        n => Set(n, JsonValue.Create(""), "\"\""),
        n => Set(n, JsonValue.Create("text"), "text"),
        n => Set(n, JsonValue.Create(-1.5), "-1.5"),
        n => Set(n, JsonValue.Create(0), "0"),
        n => Set(n, JsonValue.Create(1e300), "1e300"),
        n => Set(n, JsonValue.Create(3e9), "3e9"),
        n => Set(n, JsonValue.Create(true), "true"),
        n => Set(n, new JsonObject(), "{}"),
        n => Set(n, new JsonArray(), "[]"),
        n => Set(n, JsonValue.Create("Workload"), "Workload"),
        n => Set(n, JsonValue.Create("Result"), "Result"),
        n => Rename(n),
    ];

    private static string Remove(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o.Remove(node.GetPropertyName());
                return "remove";
            case JsonArray a:
                a.RemoveAt(node.GetElementIndex());
                return "remove";
            default:
                return "none";
        }
    }

    private static string Set(JsonNode node, JsonNode? value, string name)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                return $"set {name}";
            case JsonArray a:
                a[node.GetElementIndex()] = value;
                return $"set {name}";
            default:
                return "none";
        }
    }

    /// <summary>The property renamed to lower case (the careful reader finds it all the same when no exact name is there).</summary>
    private static string Rename(JsonNode node)
    {
        if (node.Parent is not JsonObject o)
        {
            return "none";
        }

        var name = node.GetPropertyName();
        o.Remove(name);
        o[name.ToLowerInvariant()] = node;
        return "rename";
    }

    /// <summary>Every node under the root: all the few outside the measurements, and one measurement in fifty with its fields.</summary>
    private static IEnumerable<string> Places(JsonNode root)
    {
        var measurement = 0;
        var stack = new Stack<JsonNode>([root]);
        while (stack.TryPop(out var node))
        {
            if (node.Parent is JsonArray { Parent: JsonObject } list && list.GetPropertyName() == "Measurements" && measurement++ % 50 != 0)
            {
                continue;
            }

            if (node != root)
            {
                yield return node.GetPath();
            }

            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>())
            {
                stack.Push(child);
            }
        }
    }

    private static JsonNode Find(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries).SelectMany(SplitIndexes))
        {
            node = part is int index ? node[index]! : node[(string)part]!;
        }

        return node;
    }

    private static IEnumerable<object> SplitIndexes(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            yield return part;
            yield break;
        }

        if (bracket > 0)
        {
            yield return part[..bracket];
        }

        foreach (var index in part[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
        {
            yield return int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static byte[] Mutated(string find, string replace)
    {
        var compact = JsonNode.Parse(File.ReadAllBytes(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1)))!.ToJsonString();
        compact.ShouldContain(find);
        var at = compact.IndexOf(find, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(compact[..at] + replace + compact[(at + find.Length)..]);
    }

    internal static BenchmarkRun Careful(byte[] bytes, string name) => BenchmarkDotNetJsonReader.ReadCarefully(new MemoryStream(bytes), name);

    private static BenchmarkRun Combined(byte[] bytes, string name) => BenchmarkDotNetJsonReader.Read(new MemoryStream(bytes), name);

    /// <summary>Everything a read gives, as text: the whole run, or the message of its refusal.</summary>
    internal static string Outcome(Func<byte[], string, BenchmarkRun> read, byte[] bytes, string name = "report.json")
    {
        try
        {
            return Describe(read(bytes, name).ShouldNotBeNull());
        }
        catch (ResultsFormatException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static readonly JsonSerializerOptions DescribeOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    internal static string Describe(BenchmarkRun run) => JsonSerializer.Serialize(run with { Sources = [] }, DescribeOptions);
}
