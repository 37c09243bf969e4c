using System.Text;
using System.Text.Json.Nodes;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

/// <summary>
/// A large report's benchmarks are read in two halves at once (<see cref="BdnSplitRead"/>): the answer must be the
/// careful reader's whatever the file holds, and the split must really be taken on a report as BenchmarkDotNet writes
/// it (else these tests would pass on the single read alone).
/// </summary>
public sealed class SplitReadTests
{
    private static readonly Lazy<JsonObject> Large = new(() => LargeReport(copies: 40));

    [Fact]
    public void A_large_report_is_read_in_two_halves_with_the_careful_readers_answer()
    {
        var bytes = Bytes(Large.Value);
        bytes.Length.ShouldBeGreaterThan(BdnSplitRead.MinimumBytes * 2);

        var (fast, taken) = ReadFast(bytes);

        taken.ShouldBe(1, "the second half must have been read by the other thread and taken");
        StreamingReaderTests.Describe(fast.ShouldNotBeNull()).ShouldBe(StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes));
        fast.Results.Length.ShouldBe(((JsonArray)Large.Value["Benchmarks"]!).Count);
    }

    [Fact]
    public void An_indented_report_as_BenchmarkDotNet_writes_it_is_split_too()
    {
        var bytes = Encoding.UTF8.GetBytes(Large.Value.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Encoding.UTF8.GetString(bytes, 0, 200).ShouldContain("\n");

        var (fast, taken) = ReadFast(bytes);

        taken.ShouldBe(1);
        StreamingReaderTests.Describe(fast.ShouldNotBeNull()).ShouldBe(StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes));
    }

    [Fact]
    public void Skipped_benchmarks_and_duplicates_in_the_second_half_are_named_by_their_place_in_the_whole_file()
    {
        var report = (JsonObject)Large.Value.DeepClone();
        var benchmarks = (JsonArray)report["Benchmarks"]!;
        var last = benchmarks.Count - 1;
        ((JsonObject)benchmarks[last]!).Remove("Method");
        benchmarks.Add(benchmarks[last - 1]!.DeepClone());
        var bytes = Bytes(report);

        var (fast, taken) = ReadFast(bytes);

        taken.ShouldBe(1);
        fast.ShouldNotBeNull().Warnings.ShouldContain(w => w.Contains($"Benchmarks[{last}] has no 'Method'", StringComparison.Ordinal));
        fast.Warnings.ShouldContain(w => w.Contains($"duplicate benchmark", StringComparison.Ordinal) && w.Contains($"(Benchmarks[{last + 1}])", StringComparison.Ordinal));
        StreamingReaderTests.Describe(fast).ShouldBe(StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes));
    }

    [Fact]
    public void A_split_guess_inside_a_benchmark_leaves_the_read_to_one_thread()
    {
        // Every benchmark ends with an object whose first field is DisplayInfo after a comma: the first guess past the
        // middle lands inside a benchmark, which the first half's reader passes without arriving at it.
        var report = (JsonObject)Large.Value.DeepClone();
        foreach (var benchmark in ((JsonArray)report["Benchmarks"]!).Cast<JsonObject>())
        {
            // Last in each benchmark: past the middle, the next candidate is this one, not the next benchmark's start.
            benchmark["Decoy"] = new JsonArray(1, new JsonObject { ["DisplayInfo"] = "x" });
        }

        var bytes = Bytes(report);
        var middle = Encoding.UTF8.GetString(bytes, bytes.Length / 2, bytes.Length / 2);
        middle.ShouldContain("[1,{\"DisplayInfo\"");

        var (fast, taken) = ReadFast(bytes);

        taken.ShouldBe(0);
        StreamingReaderTests.Describe(fast.ShouldNotBeNull()).ShouldBe(StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes));
    }

    [Fact]
    public void Fields_after_the_benchmarks_are_read_by_the_single_reader()
    {
        var report = (JsonObject)Large.Value.DeepClone();
        var title = report["Title"]!.GetValue<string>();
        report.Remove("Title");
        report["Title"] = title; // now after Benchmarks
        var bytes = Bytes(report);

        var (fast, taken) = ReadFast(bytes);

        taken.ShouldBe(0);
        StreamingReaderTests.Describe(fast.ShouldNotBeNull()).ShouldBe(StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes));
        fast.Timestamp.ShouldNotBeNull("the title after the benchmarks was read");
    }

    /// <summary>Random byte edits around the split and elsewhere: the fast path answers as the careful reader or declines.</summary>
    [Fact]
    public void Edits_of_a_large_report_read_the_same_with_the_split_as_without()
    {
        var original = Bytes(Large.Value);
        var random = new Random(20261203);
        var taken = 0;
        for (var i = 0; i < 40; i++)
        {
            var bytes = (byte[])original.Clone();
            var at = i % 2 == 0 ? (bytes.Length / 2) + random.Next(-4000, 4000) : random.Next(bytes.Length);
            const string Replacements = "{}[],:\"0a -\\";
            bytes[at] = (byte)Replacements[random.Next(Replacements.Length)];

            var careful = StreamingReaderTests.Outcome(StreamingReaderTests.Careful, bytes);
            var (fast, took) = ReadFast(bytes);
            taken += took;
            if (fast is not null)
            {
                StreamingReaderTests.Describe(fast).ShouldBe(careful, $"byte {at}");
            }
        }

        taken.ShouldBeGreaterThan(10, "most edits leave the split usable");
    }

    private static (BenchmarkRun? Run, int Taken) ReadFast(byte[] bytes)
    {
        var before = BdnSplitRead.TakenOnThisThread;
        var run = BdnStreamingReader.TryRead(bytes, "report.json");
        return (run, BdnSplitRead.TakenOnThisThread - before);
    }

    private static byte[] Bytes(JsonNode report) => Encoding.UTF8.GetBytes(report.ToJsonString());

    /// <summary>A real report's benchmarks repeated <paramref name="copies"/> times, each copy a distinct benchmark by one more parameter.</summary>
    private static JsonObject LargeReport(int copies)
    {
        var report = (JsonObject)JsonNode.Parse(File.ReadAllBytes(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1)))!;
        var originals = ((JsonArray)report["Benchmarks"]!).Select(b => b!.DeepClone()).ToList();
        var benchmarks = new JsonArray();
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var original in originals)
            {
                var benchmark = (JsonObject)original.DeepClone();
                var parameters = benchmark["Parameters"]?.GetValue<string>();
                benchmark["Parameters"] = string.IsNullOrEmpty(parameters) ? $"Copy={copy}" : $"{parameters}&Copy={copy}";
                benchmarks.Add(benchmark);
            }
        }

        report["Benchmarks"] = benchmarks;
        return report;
    }
}
