using System.Text.Json;
using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

public sealed class JsonVerdictWriterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Fixed_verdict_matches_the_golden_file(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("fixed-verdict.json", JsonVerdictWriter.ToJson(SampleVerdicts.Fixed()));
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("passing")]
    [InlineData("large")]
    [InlineData("not-finite")]
    [InlineData("accepted")]
    public void Output_validates_against_the_documented_schema(string name)
    {
        var verdict = name switch
        {
            "fixed" => SampleVerdicts.Fixed(),
            "accepted" => Acceptance.Apply(SampleVerdicts.Fixed(), "maintainer", "perfgate: accept", 12),
            "passing" => SampleVerdicts.Passing(),
            "large" => SampleVerdicts.Large(300),
            _ => NotFinite(),
        };
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "verdict.schema.json")));
        using var output = JsonDocument.Parse(JsonVerdictWriter.ToJson(verdict));

        MiniJsonSchema.Validate(schema.RootElement, output.RootElement).ShouldBeEmpty();
    }

    [Fact]
    public void The_index_and_the_score_are_written_with_their_parts_and_interval_and_the_schema_holds_them_to_range()
    {
        using var doc = JsonDocument.Parse(JsonVerdictWriter.ToJson(SampleVerdicts.Fixed()));
        var index = doc.RootElement.GetProperty("performanceIndex");
        index.GetProperty("value").GetDouble().ShouldBe((90 + 100 + 100) / 3.0, tolerance: 1e-9);
        index.GetProperty("targetsMet").GetInt32().ShouldBe(2);
        index.GetProperty("parts")[0].GetProperty("figure").GetString().ShouldBe("API-002");
        var score = doc.RootElement.GetProperty("regressionScore");
        score.GetProperty("percent").GetDouble().ShouldBe(-(Math.Cbrt(1.342 * 0.9 * 1.005) - 1) * 100, tolerance: 1e-9);
        score.GetProperty("interval").GetString().ShouldBe("per-benchmark");

        // The schema's ranges are checked, not decoration: an index above 100 is refused.
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "verdict.schema.json")));
        var tampered = JsonVerdictWriter.ToJson(SampleVerdicts.Fixed()).Replace("\"value\": 96.66666666666667", "\"value\": 101", StringComparison.Ordinal);
        using var bad = JsonDocument.Parse(tampered);
        MiniJsonSchema.Validate(schema.RootElement, bad.RootElement).ShouldBe(["$.performanceIndex.value: 101 is above the maximum 100"]);
    }

    [Fact]
    public void Enums_are_lower_case_and_numbers_survive_the_round_trip()
    {
        using var doc = JsonDocument.Parse(JsonVerdictWriter.ToJson(SampleVerdicts.Fixed()));
        var root = doc.RootElement;
        root.GetProperty("schemaVersion").GetInt32().ShouldBe(1);
        root.GetProperty("passed").GetBoolean().ShouldBeFalse();
        root.GetProperty("severity").GetString().ShouldBe("error");

        var first = root.GetProperty("benchmarks")[0];
        first.GetProperty("id").GetString().ShouldBe("PerfGate.Sample.Import.FromJson");
        first.GetProperty("kind").GetString().ShouldBe("failed-to-run");
        first.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);

        var regression = root.GetProperty("benchmarks")[1];
        regression.GetProperty("kind").GetString().ShouldBe("regression");
        regression.GetProperty("changePercent").GetDouble().ShouldBe(34.2);
        regression.GetProperty("unit").GetString().ShouldBe("ns");
        var reason = regression.GetProperty("reasons")[0];
        reason.GetProperty("tier").GetString().ShouldBe("baseline");
        reason.GetProperty("pValue").GetDouble().ShouldBe(0.0004);
        regression.GetProperty("allocated").GetProperty("changePercent").GetDouble().ShouldBe(37.5);
    }

    [Fact]
    public void Stream_and_text_writers_agree()
    {
        using var stream = new MemoryStream();
        JsonVerdictWriter.Write(SampleVerdicts.Passing(), stream);
        var fromStream = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        JsonVerdictWriter.ToJson(SampleVerdicts.Passing()).ShouldBe(fromStream + "\n");
    }

    private static Verdict NotFinite() => new()
    {
        Passed = true,
        Thresholds = SampleVerdicts.Thresholds,
        Benchmarks =
        [
            new BenchmarkVerdict
            {
                Id = "N", DisplayName = "N", Kind = ChangeKind.Unchanged, Baseline = double.NaN, Current = double.PositiveInfinity,
                History = [1, double.NaN],
            },
        ],
        Context = new RunContext { Timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) },
    };
}
