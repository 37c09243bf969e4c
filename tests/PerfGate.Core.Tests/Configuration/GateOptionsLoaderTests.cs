using System.Text;
using PerfGate.Core.Configuration;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Configuration;

/// <summary>perfgate.json as the source-generated reader reads it: what is not given keeps its documented default.</summary>
public sealed class GateOptionsLoaderTests
{
    private static GateOptions Read(string json) => GateOptionsLoader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "perfgate.json");

    [Fact]
    public void A_partly_given_section_keeps_the_defaults_of_everything_else()
    {
        var options = Read("""
            // comments and trailing commas are allowed
            { "Thresholds": { "FailPercent": 25, }, "statistics": { "historyWindow": 30 }, }
            """);

        options.Thresholds.FailPercent.ShouldBe(25);
        options.Thresholds.WarningPercent.ShouldBe(10);
        options.Thresholds.CriticalFactor.ShouldBe(1.5);
        options.Statistics.HistoryWindow.ShouldBe(30);
        options.Statistics.PriorWeightRuns.ShouldBe(3);
        options.Metrics.TolerancePercent.ShouldBe(0);
        options.Allocations.TolerancePercent.ShouldBe(1);
        options.Trend.Enabled.ShouldBeTrue();
        options.ShouldNotBeSameAs(GateOptions.Default);
        Read("{}").ShouldBe(GateOptions.Default);
    }

    [Fact]
    public void Budgets_read_time_units_as_nanoseconds()
    {
        var target = Read("""{ "targets": [ { "benchmark": "*Start*", "target": "1.5ms", "warning": "2 ms", "error": 3000000 } ] }""").Targets.Single();
        target.Target.ShouldBe(1_500_000);
        target.Warning.ShouldBe(2_000_000);
        target.Error.ShouldBe(3_000_000);
    }

    [Theory]
    [InlineData("""{ "thresholdz": {} }""", "invalid configuration at $.thresholdz")]
    [InlineData("""{ "thresholds": { "failPercent": "x" } }""", "invalid configuration at $.thresholds.failPercent")]
    [InlineData("""{ "benchmarks": [ { "ignore": true } ] }""", "missing required properties including: 'match'")]
    [InlineData("""{ "targets": [ { "benchmark": "*", "target": "fast" } ] }""", "'fast' is not a number or a time")]
    [InlineData("""{ "statistics": { "priorWeightRuns": 0 } }""", "statistics.priorWeightRuns must be > 0")]
    [InlineData("null", "the configuration is empty")]
    public void Bad_configuration_names_the_file_and_the_problem(string json, string problem)
    {
        var e = Should.Throw<ResultsFormatException>(() => Read(json));
        e.Message.ShouldContain("perfgate.json");
        e.Message.ShouldContain(problem);
    }

    [Fact]
    public void Defaults_are_a_fresh_instance_each_time_so_no_caller_can_change_another_callers()
    {
        var mine = GateOptions.Default;
        mine.Thresholds.FailPercent = 99;
        GateOptions.Default.Thresholds.FailPercent.ShouldBe(20);
    }
}
