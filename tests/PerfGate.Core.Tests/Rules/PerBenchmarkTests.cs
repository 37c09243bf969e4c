using PerfGate.Core.Rules;

namespace PerfGate.Core.Tests.Rules;

/// <summary>The gate's per-benchmark work spread over the cores gives what a plain loop gives: same answers, same order, same exceptions.</summary>
public sealed class PerBenchmarkTests
{
    [Fact]
    public void Answers_come_back_in_input_order_whatever_thread_computed_them()
    {
        var items = Enumerable.Range(0, 5_000).ToArray();

        var answers = PerBenchmark.Map(items, i => (i * 7919L) % 104_729);

        answers.ShouldBe(items.Select(i => (i * 7919L) % 104_729));
    }

    [Fact]
    public void A_small_suite_stays_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;

        var threads = PerBenchmark.Map(Enumerable.Range(0, PerBenchmark.ParallelFrom - 1).ToArray(), _ => Environment.CurrentManagedThreadId);

        threads.ShouldAllBe(t => t == caller);
    }

    [Fact]
    public void An_exception_surfaces_as_itself_not_wrapped()
    {
        var items = Enumerable.Range(0, 1_000).ToArray();

        var thrown = Should.Throw<InvalidOperationException>(() => PerBenchmark.Map(items, i => i == 500 ? throw new InvalidOperationException("benchmark 500") : i));

        thrown.Message.ShouldBe("benchmark 500");
    }
}
