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
    public void The_held_memory_is_the_managed_heap_the_started_application_keeps()
    {
        var first = DomainFigures.MeasureHeldMemory();
        var second = DomainFigures.MeasureHeldMemory();

        first.Id.ShouldBe("MEM-001");
        first.Unit.ShouldBe("KiB");
        first.Deterministic.ShouldBeFalse();
        first.BiggerIsBetter.ShouldBeFalse();

        // The 46 parsed rules, 20 definitions, 16 prompt modules and 19 cached prompts: hundreds of KiB, not a few bytes, not megabytes.
        first.Value.ShouldBeInRange(200, 8 * 1024);
        second.Value.ShouldBe(first.Value, tolerance: first.Value * 0.02);
        ContainerAccessor.IsBuilt.ShouldBeFalse();
    }

    [Fact]
    public void A_larger_prompt_cache_holds_more_memory()
    {
        var small = DomainFigures.MeasureHeldMemory(TestData.Configuration with { PromptCacheCapacity = 1 });
        var large = DomainFigures.MeasureHeldMemory(TestData.Configuration);

        large.Value.ShouldBeGreaterThan(small.Value + 16, "18 more cached prompts");
    }

    [Fact]
    public void Measuring_twice_gives_the_same_figures_and_leaves_no_container_behind()
    {
        DomainFigures.Measure().ShouldBe(DomainFigures.Measure());
        ContainerAccessor.IsBuilt.ShouldBeFalse();
    }
}
