using System.Text;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

public sealed class CustomMetricsReaderTests
{
    [Fact]
    public void Reads_the_fixture()
    {
        using var stream = File.OpenRead(Fixture.Path("custom", "perfgate-metrics.json"));
        var metrics = CustomMetricsReader.Read(stream, "m.json");

        metrics.Length.ShouldBe(2);
        metrics[0].ShouldBe(new CustomMetric(new MetricValue("SVC-001", "Rules evaluated", 42, "count", false, true), "BdnFixtures.ParserBenchmarks.Sum(Count: 10, Separator: \"a b\")"));
        metrics[1].Benchmark.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{ "metrics": [] }""", "no \"format\"")]
    [InlineData("""{ "format": "perfgate-metrics/2", "metrics": [] }""", "unsupported metrics format 'perfgate-metrics/2'")]
    [InlineData("""{ "format": "perfgate-metrics/1" }""", "'metrics' must be an array")]
    [InlineData("""{ "format": "perfgate-metrics/1", "metrics": [ { "name": "x", "value": 1, "unit": "count", "biggerIsBetter": false, "deterministic": true } ] }""", "metrics[0]: 'id' is required")]
    [InlineData("""{ "format": "perfgate-metrics/1", "metrics": [ { "id": "A", "value": "1", "unit": "count", "biggerIsBetter": false, "deterministic": true } ] }""", "'value' must be a number")]
    [InlineData("""{ "format": "perfgate-metrics/1", "metrics": [ { "id": "A", "value": 1, "unit": "count", "biggerisbetter": false, "deterministic": true } ] }""", "unknown property 'biggerisbetter'")]
    [InlineData("""{ "format": "perfgate-metrics/1", "metrics": [ { "id": "A", "value": 1, "unit": "count", "deterministic": true } ] }""", "'biggerIsBetter' must be true or false")]
    [InlineData("""{ "format": "perfgate-metrics/1", "metrics": [ { "id": "A", "value": 1, "unit": "count", "biggerIsBetter": false, "deterministic": true }, { "id": "A", "value": 2, "unit": "count", "biggerIsBetter": false, "deterministic": true } ] }""", "appears twice")]
    public void Invalid_files_fail_clearly(string json, string problem)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var e = Should.Throw<ResultsFormatException>(() => CustomMetricsReader.Read(stream, "m.json"));

        e.Message.ShouldStartWith("m.json: ");
        e.Message.ShouldContain(problem);
    }
}
