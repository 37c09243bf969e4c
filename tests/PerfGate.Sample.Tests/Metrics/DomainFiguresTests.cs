using PerfGate.Sample.Metrics;
using PerfGate.Sample.Services;
using PerfGate.Sample.Tests.Prompts;

namespace PerfGate.Sample.Tests.Metrics;

[Collection(ContainerAccessorCollection.Name)]
public sealed class DomainFiguresTests
{
    [Fact]
    public void Measures_the_expected_figures()
    {
        var figures = DomainFigures.Measure().ToDictionary(f => f.Id);

        figures.Keys.ShouldBe(["SVC-001", "SVC-003", "API-002", "VAL-003", "CACHE-002", "VAL-004"]);
        figures.Values.ShouldAllBe(f => f.Deterministic);

        figures["SVC-001"].Value.ShouldBe(1);
        figures["SVC-003"].Value.ShouldBe(4);
        figures["API-002"].Value.ShouldBe(TokenEstimatorTests.ReferencePromptTokens);
        figures["VAL-004"].Value.ShouldBe(46);

        // Rule cache: the startup load is the one miss; hits: 1 reference prompt + 5 rounds x 20 prompts + 20 validations + 1 batch.
        figures["VAL-003"].Value.ShouldBe(Math.Round(122.0 / 123, 4));

        // Prompt cache: 101 requests over 19 distinct (term, context) pairs (the reference equals sample 1; samples 1 and 13 share one).
        figures["CACHE-002"].Value.ShouldBe(Math.Round(82.0 / 101, 4));
        figures["VAL-003"].BiggerIsBetter.ShouldBeTrue();
        figures["API-002"].BiggerIsBetter.ShouldBeFalse();
    }

    [Fact]
    public void Measuring_twice_gives_the_same_figures_and_leaves_no_container_behind()
    {
        DomainFigures.Measure().ShouldBe(DomainFigures.Measure());
        ContainerAccessor.IsBuilt.ShouldBeFalse();
    }
}
