using System.Collections.Immutable;
using System.Text;
using PerfGate.Core.Baselines;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Baselines;

public sealed class BaselineFileTests
{
    [Fact]
    public void Round_trip_keeps_every_value_and_is_byte_for_byte_deterministic()
    {
        var run = ResultsLoader.Load([Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1), Fixture.Path("custom", "perfgate-metrics.json")])
            with
        { Commit = "abc123", Branch = "main" };

        var text = Write(run);
        var back = Read(text);

        Write(back).ShouldBe(text);
        Write(run).ShouldBe(text);
        back.Commit.ShouldBe("abc123");
        back.Branch.ShouldBe("main");
        back.Host.ShouldBe(run.Host);
        back.Timestamp.ShouldBe(run.Timestamp);
        back.Detail.ShouldBe(run.Detail);
        back.Metrics.ShouldBe(run.Metrics);
        var original = run.Results.ToDictionary(r => r.Id.Key);
        back.Results.Length.ShouldBe(original.Count);
        foreach (var b in back.Results)
        {
            var a = original[b.Id.Key];
            b.Id.ShouldBe(a.Id);
            b.FullName.ShouldBe(a.FullName);
            b.Statistics.ShouldBe(a.Statistics);
            b.AllocatedBytesPerOperation.ShouldBe(a.AllocatedBytesPerOperation);
            b.Metrics.ShouldBe(a.Metrics);
            b.OriginalValues.ShouldBe(a.OriginalValues);
            b.Launches.Select(l => l.Index).ShouldBe(a.Launches.Select(l => l.Index));
            b.Launches.SelectMany(l => l.NanosecondsPerOperation).ShouldBe(a.Launches.SelectMany(l => l.NanosecondsPerOperation));
        }
    }

    [Fact]
    public void Layout_is_sorted_indented_invariant_and_full_precision()
    {
        var tiny = 0.1 + 0.2; // 0.30000000000000004
        var run = new BenchmarkRun
        {
            Host = HostFingerprint.Unknown,
            Results = [
                Result("Z.Type", "M", [tiny, 1e-7]),
                Result("A.Type", "M", [123456.789]),
            ],
        };

        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
        string text;
        try
        {
            text = Write(run);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }

        text.ShouldStartWith("{\n  \"format\": \"perfgate-baseline/1\",\n");
        text.ShouldNotContain("\r");
        text.IndexOf("\"A.Type.M\"", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("\"Z.Type.M\"", StringComparison.Ordinal));
        text.ShouldContain("0.30000000000000004");
        text.ShouldContain("1E-07");
        text.ShouldContain("123456.789");
        Read(text).Results.Single(r => r.Id.Type == "Z.Type").Launches[0].NanosecondsPerOperation.ShouldBe([tiny, 1e-7]);
    }

    [Theory]
    [InlineData("""{ "format": "perfgate-baseline/9", "benchmarks": [] }""", "unsupported baseline format 'perfgate-baseline/9'")]
    [InlineData("""{ "Benchmarks": [] }""", "not a PerfGate baseline")]
    [InlineData("""{ "format": "perfgate-baseline/1" }""", "'benchmarks' array is missing")]
    [InlineData("""{ "format": "perfgate-baseline/1", "benchmarks": [ { "id": "A.B.M", "type": "A.B", "method": "N" } ] }""", "'id' is 'A.B.M' but its parts make 'A.B.N'")]
    [InlineData("""{ "format": "perfgate-baseline/1", "benchmarks": [ { "type": "A.B", "method": "N", "statistics": 3 } ] }""", "benchmarks[0].statistics: expected an object")]
    public void Invalid_baselines_fail_clearly(string json, string problem)
    {
        var e = Should.Throw<ResultsFormatException>(() => Read(json, "b.json"));

        e.Message.ShouldStartWith("b.json: ");
        e.Message.ShouldContain(problem);
    }

    internal static BenchmarkResult Result(string type, string method, ImmutableArray<double> values) => new()
    {
        Id = new BenchmarkId(type, method),
        FullName = $"{type}.{method}",
        Launches = [new Launch(1, values)],
        Statistics = new TimeStatistics(values.Length, values.Average(), values[0], 0, values.Min(), values.Max()),
    };

    internal static string Write(BenchmarkRun run)
    {
        var writer = new StringWriter { NewLine = "\n" };
        BaselineFile.Write(run, writer);
        return writer.ToString();
    }

    private static BenchmarkRun Read(string text, string name = "baseline.json")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return BaselineFile.Read(stream, name);
    }
}
