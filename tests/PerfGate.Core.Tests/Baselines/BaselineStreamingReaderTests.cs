using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Core.Baselines;
using PerfGate.Core.Results;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.Baselines;

/// <summary>
/// The baseline fast path (<see cref="BaselineStreamingReader"/>) against the careful reader (a <see cref="JsonDocument"/>
/// walked with every check): on a baseline as <see cref="BaselineWriter"/> writes it the fast path must answer, and
/// answer the same, doubles to the bit; on anything else it must either answer the same or leave the file to the
/// careful reader, whose result or message then stands unchanged.
/// </summary>
public sealed class BaselineStreamingReaderTests
{
    private const string Name = "baseline.json";

    /// <summary>BenchmarkDotNet reports of every version the fixtures hold (the streaming results reader's), each written as a baseline.</summary>
    public static TheoryData<string> Reports => PerfGate.Core.Tests.Results.StreamingReaderTests.RealReports;

    [Theory]
    [MemberData(nameof(Reports))]
    public void A_baseline_written_from_a_real_report_is_read_by_the_fast_path_exactly_as_the_careful_reader_reads_it(string report)
    {
        var run = ResultsLoader.Load([Fixture.Path(report), Fixture.Path("custom", "perfgate-metrics.json")]) with { Commit = "abc123", Branch = "main" };

        ReadsTheSame(Written(run), run.Results.Length);
    }

    [Fact]
    public void The_committed_baseline_of_this_repository_is_read_by_the_fast_path()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "baselines", BaselineStore.FileName));

        ReadsTheSame(bytes, expectedResults: null);
    }

    /// <summary>The runs the other baseline tests write, and one with every corner the writer has.</summary>
    public static TheoryData<string> TestRuns => ["store-small", "layout", "corners", "empty"];

    [Theory]
    [MemberData(nameof(TestRuns))]
    public void Every_baseline_the_tests_write_is_read_by_the_fast_path_exactly_as_the_careful_reader_reads_it(string which)
    {
        var run = which switch
        {
            "store-small" => new BenchmarkRun { Host = HostFingerprint.Unknown, Results = [BaselineFileTests.Result("A.Type", "M", [1.5, 2.5])] },
            "layout" => new BenchmarkRun
            {
                Host = HostFingerprint.Unknown,
                Results = [BaselineFileTests.Result("Z.Type", "M", [0.1 + 0.2, 1e-7]), BaselineFileTests.Result("A.Type", "M", [123456.789])],
            },
            "corners" => Corners,
            _ => new BenchmarkRun { Host = HostFingerprint.Unknown },
        };

        ReadsTheSame(Written(run), run.Results.Length);
    }

    [Fact]
    public void The_store_reads_a_baseline_file_or_folder_as_the_careful_reader_does()
    {
        var dir = Fixture.TempDir();
        var file = BaselineStore.Update(Corners, dir);
        var careful = Outcome(Careful, File.ReadAllBytes(file), file);

        Outcome(() => BaselineStore.Load(file)).ShouldBe(careful);
        Outcome(() => BaselineStore.Load(dir)).ShouldBe(careful);
        Outcome(() => BaselineStore.LoadAny([file])).ShouldBe(careful);
        Outcome(() => BaselineStore.LoadAny([dir])).ShouldBe(careful);

        // Declined by the fast path (a field in other casing), read by the careful reader all the same.
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"fullName\":", "\"FullName\":", StringComparison.Ordinal));
        var edited = File.ReadAllBytes(file);
        BaselineStreamingReader.TryRead(edited, file).ShouldBeNull();
        Outcome(() => BaselineStore.Load(dir)).ShouldBe(Outcome(Careful, edited, file));
        Outcome(() => BaselineStore.LoadAny([file])).ShouldBe(Outcome(Careful, edited, file));
    }

    [Fact]
    public void A_byte_order_mark_compact_text_and_other_white_space_change_nothing()
    {
        var bytes = Written(Corners);
        var compact = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(bytes).RootElement));
        var spaced = Encoding.UTF8.GetBytes(" \r\n\t" + Encoding.UTF8.GetString(bytes).Replace("\n", "\r\n", StringComparison.Ordinal) + "\t\n");
        var withBom = (byte[])[0xEF, 0xBB, 0xBF, .. bytes];

        foreach (var variant in new[] { compact, spaced, withBom })
        {
            var fast = BaselineStreamingReader.TryRead(variant, Name);
            fast.ShouldNotBeNull();
            Describe(fast).ShouldBe(Outcome(Careful, bytes));
        }
    }

    /// <summary>Input outside the writer's shape (each a small edit of a written baseline) that the fast path leaves to the careful reader.</summary>
    public static TheoryData<string, string, string> Declined => new()
    {
        { "a field name in other casing", "\"fullName\":", "\"FullName\":" },
        { "an escaped field name", "\"fullName\":", "\"\\u0066ullName\":" },
        { "a field written twice", "\"fullName\": ", "\"job\": \"x\", \"fullName\": " },
        { "an unknown field", "\"createdAt\":", "\"note\": \"by hand\", \"createdAt\":" },
        { "fields in another order", "\"commit\": \"abc123\",\n  \"branch\": \"main\",", "\"branch\": \"main\",\n  \"commit\": \"abc123\"," },
        { "a field missing", "\"commit\": \"abc123\",", "" },
        { "a missing root field", "\"detail\": \"Measurements\",", "" },
        { "a count as text", "\"n\": ", "\"n\": \"1\", \"x\": " },
        { "a fractional count", "\"index\": 1,", "\"index\": 1.0," },
        { "an index out of range", "\"index\": 1,", "\"index\": 2147483648," },
        { "a boolean as text", "\"deterministic\": true", "\"deterministic\": \"true\"" },
        { "a time as text", "\"mean\": ", "\"mean\": \"1\", \"x\": " },
        { "a non-finite number", "\"mean\": ", "\"mean\": 1e400, \"x\": " },
        { "null where the writer writes text", "\"name\": \"Gen0\"", "\"name\": null" },
        { "null for a metric's value", "\"value\": ", "\"value\": null, \"x\": " },
        { "another format version", "perfgate-baseline/1", "perfgate-baseline/2" },
        { "an escaped format", "perfgate-baseline/1", "perfgate-baseline\\/1" },
        { "an id that does not follow its parts", "\"id\": \"BdnFixtures", "\"id\": \"Other" },
        { "a detail by number", "\"detail\": \"Measurements\"", "\"detail\": \"1\"" },
        { "an unknown detail", "\"detail\": \"Measurements\"", "\"detail\": \"measurements\"" },
        { "a blank method", "\"method\": \"", "\"method\": \" \", \"x\": \"" },
        { "an empty type", "\"type\": \"", "\"type\": \"\", \"x\": \"" },
        { "a date that is not one", "\"createdAt\": \"", "\"createdAt\": \"yesterday\", \"x\": \"" },
        { "statistics as an array", "\"statistics\": {", "\"statistics\": [], \"x\": {" },
        { "an object where values belong", "\"originalValues\": [", "\"originalValues\": {}, \"x\": [" },
        { "text after the document", "\"benchmarks\": [", "\"benchmarks\": [] } [" },
        { "a trailing comma", "\"perfgate-baseline/1\",", "\"perfgate-baseline/1\",," },
        { "a comment", "\"perfgate-baseline/1\",", "\"perfgate-baseline/1\", // by hand\n" },
        { "invalid UTF-8 in a string", "\"fullName\": \"", "\"fullName\": \"<FF>" },
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void Input_outside_the_writers_shape_is_left_to_the_careful_reader(string what, string find, string replace)
    {
        var bytes = Mutated(find, replace);

        BaselineStreamingReader.TryRead(bytes, Name).ShouldBeNull(what);
        Outcome(Combined, bytes).ShouldBe(Outcome(Careful, bytes), what);
    }

    /// <summary>
    /// Hundreds of seeded random edits of the repository's committed baseline (bytes deleted, a run of bytes repeated,
    /// two tokens swapped, a number changed, a token replaced): whatever the careful reader makes of each — a run or its
    /// message — the reader with the fast path in front makes the same, and the fast path both answers and declines.
    /// </summary>
    [Fact]
    public void Any_random_edit_of_a_real_baseline_reads_the_same_with_the_fast_path_as_without()
    {
        var original = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "baselines", BaselineStore.FileName));
        var tokens = Tokens(original);
        var random = new Random(20261203);
        var fastAnswers = 0;
        var declined = 0;
        for (var i = 0; i < 400; i++)
        {
            var (bytes, edit) = Edit(original, tokens, random);
            var careful = Outcome(Careful, bytes);
            Outcome(Combined, bytes).ShouldBe(careful, $"edit {i}: {edit}");
            if (BaselineStreamingReader.TryRead(bytes, Name) is { } fast)
            {
                Describe(fast).ShouldBe(careful, $"edit {i}: {edit}");
                fastAnswers++;
            }
            else
            {
                declined++;
            }
        }

        // Both sides must be exercised: answers of the fast path (edited numbers) and files it leaves to the careful reader.
        fastAnswers.ShouldBeGreaterThan(40);
        declined.ShouldBeGreaterThan(150);
    }

    // ---- runs ----------------------------------------------------------------------------------------------------------

    /// <summary>Every corner BaselineWriter has: no statistics, non-finite values (written null), original values without
    /// launches, an empty launch, -0, text that needs escapes, a job, an offset, no commit, statistics only, run metrics.</summary>
    private static BenchmarkRun Corners => new()
    {
        Host = new HostFingerprint("Ubuntu 24.04 \"noble\"", "Intel\u00ae Xeon\u00ae \\ 2.1GHz", 64, ".NET 10.0.1 (10.0.125.57005), X64 RyuJIT AVX2", "X64", "0.14.0"),
        Detail = ResultDetail.StatisticsOnly,
        Timestamp = new DateTimeOffset(2026, 12, 3, 4, 5, 6, 789, TimeSpan.FromMinutes(330)).AddTicks(1234),
        Commit = null,
        Branch = "feature/\u00e9t\u00e9",
        Metrics = [new MetricValue("startup-ms", "Startup", 123.25, "ms", false, false), new MetricValue("ops", "Ops/s", 1e300, "op/s", true, true)],
        Results =
        [
            new BenchmarkResult
            {
                Id = new BenchmarkId("N.S.Type", "Failed", "Text=\"a\\b\"\t\u2603 \U0001F600", "Job-XYZ"),
                FullName = "N.S.Type.Failed(Text: \"a\\b\"\t\u2603 \U0001F600)",
                Statistics = null,
                Launches = [],
                OriginalValues = [],
            },
            new BenchmarkResult
            {
                Id = new BenchmarkId("N.S.Type", "Odd", "", "ShortRun"),
                FullName = "N.S.Type.Odd",
                Statistics = new TimeStatistics(3, double.NaN, -0.0, double.PositiveInfinity, 5e-324, double.MaxValue, null, 0.30000000000000004, null),
                AllocatedBytesPerOperation = 0,
                Launches = [new Launch(1, [1, double.NaN, -0.0, 1.7976931348623157e308]), new Launch(2, []), new Launch(-3, [123456789012345678, 0.1])],
                OriginalValues = [9, 9, 9],
            },
            new BenchmarkResult
            {
                Id = new BenchmarkId("N.S.Type", "OriginalOnly", "N=10"),
                FullName = "N.S.Type.OriginalOnly(N: 10)",
                Statistics = new TimeStatistics(2, 1.5, 1.5, 0.7071067811865476, 1, 2, 1.05, 1.95, 0.5),
                AllocatedBytesPerOperation = 1234.5,
                Metrics = [new MetricValue("Gen0Collects", "Gen0", 0.040690104166666664, "Count", false, true)],
                Launches = [],
                OriginalValues = [1, 2, double.NegativeInfinity],
            },
        ],
    };

    private static byte[] Written(BenchmarkRun run) => Encoding.UTF8.GetBytes(BaselineFileTests.Write(run));

    private static void ReadsTheSame(byte[] bytes, int? expectedResults)
    {
        var fast = BaselineStreamingReader.TryRead(bytes, Name);

        fast.ShouldNotBeNull("a baseline as BaselineWriter writes it must not need the careful reader");
        var careful = Outcome(Careful, bytes);
        careful.ShouldNotStartWith("refused");
        Describe(fast).ShouldBe(careful);
        Outcome(Combined, bytes).ShouldBe(careful);
        if (expectedResults is { } count)
        {
            fast.Results.Length.ShouldBe(count);
        }
        else
        {
            fast.Results.ShouldNotBeEmpty();
        }
    }

    // ---- edits ---------------------------------------------------------------------------------------------------------

    private static readonly string[] Numbers = ["0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "1E-07", "2147483648", "-2147483649", "123456789012345678", "0.30000000000000004", "5e-324", "\"7\"", "null", "true", "01", "1.", "-", "NaN"];

    private static (byte[] Bytes, string Edit) Edit(byte[] original, List<(int Start, int Length, JsonTokenType Type)> tokens, Random random)
    {
        var text = original.ToList();
        switch (random.Next(6))
        {
            case 0:
            {
                var at = random.Next(text.Count);
                var length = Math.Min(1 + random.Next(3), text.Count - at);
                text.RemoveRange(at, length);
                return ([.. text], $"delete {length} at {at}");
            }

            case 1:
            {
                var at = random.Next(text.Count);
                var length = Math.Min(1 + random.Next(40), text.Count - at);
                text.InsertRange(at, text.GetRange(at, length));
                return ([.. text], $"repeat {length} at {at}");
            }

            case 2:
            {
                var (a, b) = (tokens[random.Next(tokens.Count)], tokens[random.Next(tokens.Count)]);
                if (a.Start > b.Start)
                {
                    (a, b) = (b, a);
                }

                if (a.Start + a.Length > b.Start)
                {
                    return (original, "none");
                }

                var swapped = original[..a.Start].Concat(original[b.Start..(b.Start + b.Length)]).Concat(original[(a.Start + a.Length)..b.Start])
                    .Concat(original[a.Start..(a.Start + a.Length)]).Concat(original[(b.Start + b.Length)..]).ToArray();
                return (swapped, $"swap tokens at {a.Start} and {b.Start}");
            }

            case 3 or 4:
            {
                var numbers = tokens.Where(t => t.Type == JsonTokenType.Number).ToList();
                var token = numbers[random.Next(numbers.Count)];
                var replacement = random.Next(3) == 0
                    ? (random.NextDouble() * Math.Pow(10, random.Next(-10, 12))).ToString("R", CultureInfo.InvariantCulture)
                    : Numbers[random.Next(Numbers.Length)];
                return (Replace(original, token, replacement), $"number at {token.Start} -> {replacement}");
            }

            default:
            {
                var token = tokens[random.Next(tokens.Count)];
                var replacement = new[] { "null", "\"\"", "{}", "[]", "false", "\"x\"", "\"Id\"", "0" }[random.Next(8)];
                return (Replace(original, token, replacement), $"token at {token.Start} -> {replacement}");
            }
        }
    }

    private static byte[] Replace(byte[] original, (int Start, int Length, JsonTokenType Type) token, string replacement) =>
        [.. original[..token.Start], .. Encoding.UTF8.GetBytes(replacement), .. original[(token.Start + token.Length)..]];

    /// <summary>Where each token of the document starts and how many bytes it takes (strings and names with their quotes).</summary>
    private static List<(int Start, int Length, JsonTokenType Type)> Tokens(byte[] json)
    {
        var tokens = new List<(int, int, JsonTokenType)>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            var length = reader.TokenType switch
            {
                JsonTokenType.String or JsonTokenType.PropertyName => reader.ValueSpan.Length + 2,
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.ValueSpan.Length,
                _ => 1,
            };
            tokens.Add(((int)reader.TokenStartIndex, length, reader.TokenType));
        }

        return tokens;
    }

    private static byte[] Mutated(string find, string replace)
    {
        var run = ResultsLoader.Load([Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1), Fixture.Path("custom", "perfgate-metrics.json")]) with { Commit = "abc123", Branch = "main" };
        var text = BaselineFileTests.Write(run);
        text.ShouldContain(find);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..at] + replace + text[(at + find.Length)..]);

        // "<FF>" stands for a lone 0xFF byte, which is not UTF-8.
        var marker = bytes.AsSpan().IndexOf("<FF>"u8);
        return marker < 0 ? bytes : [.. bytes[..marker], 0xFF, .. bytes[(marker + 4)..]];
    }

    // ---- outcomes ------------------------------------------------------------------------------------------------------

    private static BenchmarkRun Careful(byte[] bytes, string name) => BaselineFile.ReadCarefully(new MemoryStream(bytes), name);

    private static BenchmarkRun Combined(byte[] bytes, string name) => BaselineFile.Read(new MemoryStream(bytes), name);

    private static string Outcome(Func<byte[], string, BenchmarkRun> read, byte[] bytes, string name = Name) => Outcome(() => read(bytes, name));

    /// <summary>Everything a read gives, as text: the whole run (doubles as their bits), or the message of its refusal.</summary>
    private static string Outcome(Func<BenchmarkRun> read)
    {
        try
        {
            return Describe(read().ShouldNotBeNull());
        }
        catch (ResultsFormatException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static readonly JsonSerializerOptions DescribeOptions = new() { WriteIndented = true, Converters = { new DoubleBits() } };

    private static string Describe(BenchmarkRun run) => JsonSerializer.Serialize(run, DescribeOptions);

    /// <summary>A double as its 64 bits, so -0 and 0, and each NaN, are told apart.</summary>
    private sealed class DoubleBits : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WriteStringValue(BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture));
    }
}
