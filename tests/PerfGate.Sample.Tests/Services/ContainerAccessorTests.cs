using PerfGate.Sample.Services;

namespace PerfGate.Sample.Tests.Services;

[Collection(ContainerAccessorCollection.Name)]
public sealed class ContainerAccessorTests : IDisposable
{
    public ContainerAccessorTests() => ContainerAccessor.ResetForTestsAndBenchmarks();

    public void Dispose() => ContainerAccessor.ResetForTestsAndBenchmarks();

    [Fact]
    public void Builds_the_container_once_however_often_it_is_asked_for()
    {
        var first = ContainerAccessor.Get(TestData.Configuration);

        for (var i = 0; i < 10; i++)
        {
            ContainerAccessor.Get().ShouldBeSameAs(first);
            ContainerAccessor.Get(TestData.Configuration with { }).ShouldBeSameAs(first);
        }

        ContainerAccessor.Constructions.ShouldBe(1);
    }

    [Fact]
    public void Builds_the_container_once_when_many_threads_ask_at_once()
    {
        // Dedicated threads released together by a barrier, so the first requests really race.
        var seen = new ServiceContainer[16];
        using var start = new Barrier(seen.Length);
        var threads = Enumerable.Range(0, seen.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            seen[i] = ContainerAccessor.Get(TestData.Configuration);
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        seen.Distinct().Count().ShouldBe(1);
        ContainerAccessor.Constructions.ShouldBe(1);
    }

    [Fact]
    public void Asking_with_a_different_configuration_throws_instead_of_ignoring_it()
    {
        var container = ContainerAccessor.Get(TestData.Configuration);

        var error = Should.Throw<InvalidOperationException>(() => ContainerAccessor.Get(TestData.Configuration with { PromptCacheCapacity = 7 }));

        error.Message.ShouldContain("different configuration");
        ContainerAccessor.Get().ShouldBeSameAs(container);
        ContainerAccessor.Constructions.ShouldBe(1);
    }

    [Fact]
    public void Reset_forgets_the_container_and_the_count()
    {
        var first = ContainerAccessor.Get(TestData.Configuration);

        ContainerAccessor.ResetForTestsAndBenchmarks();
        ContainerAccessor.IsBuilt.ShouldBeFalse();
        ContainerAccessor.Constructions.ShouldBe(0);

        ContainerAccessor.Get(TestData.Configuration).ShouldNotBeSameAs(first);
        ContainerAccessor.Constructions.ShouldBe(1);
    }
}
