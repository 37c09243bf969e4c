namespace PerfGate.Core.Rules;

/// <summary>
/// Work done for every benchmark independently (its evidence, its findings), spread over the cores when the suite is
/// large enough to pay for it (a 1,000-benchmark suite; docs/performance.md). Each answer lands in its own slot, so
/// the result, in input order, does not depend on which thread computed what: the gate stays deterministic.
/// </summary>
internal static class PerBenchmark
{
    /// <summary>Below this many items the work stays on the calling thread (starting pool threads costs more).</summary>
    internal const int ParallelFrom = 64;

    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> map)
    {
        var answers = new TResult[items.Count];
        if (items.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < answers.Length; i++)
            {
                answers[i] = map(items[i]);
            }
        }
        else
        {
            try
            {
                Parallel.For(0, answers.Length, i => answers[i] = map(items[i]));
            }
            catch (AggregateException e)
            {
                // The same exception a sequential run would throw (callers and the CLI's exit codes tell them apart by type).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw;
            }
        }

        return answers;
    }
}
