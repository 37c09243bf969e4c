using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts;

/// <summary>
/// Runs prompt modules in dependency batches: a batch holds every module whose dependencies all ran in
/// earlier batches (Kahn's algorithm, level by level), so modules in one batch may run in parallel.
/// The prompt is assembled by each module's <see cref="IPromptModule.Order"/>, never by finishing order,
/// so the text is the same however the threads were scheduled.
/// </summary>
public sealed class PromptOrchestrator
{
    private readonly ImmutableArray<IPromptModule> _assemblyOrder;
    private readonly ParallelOptions _parallel;

    public PromptOrchestrator(IEnumerable<IPromptModule> modules, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var list = modules.ToList();
        Batches = PlanBatches(list);
        _assemblyOrder = [.. list.OrderBy(m => m.Order).ThenBy(m => m.Id, StringComparer.Ordinal)];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }

    /// <summary>The execution plan: batch after batch, module ids sorted within a batch.</summary>
    public ImmutableArray<ImmutableArray<IPromptModule>> Batches { get; }

    public int ModuleCount => _assemblyOrder.Length;

    public PromptResult Build(PromptContext context)
    {
        var outputs = new ConcurrentDictionary<string, ModuleOutput>(StringComparer.Ordinal);
        var finished = new ConcurrentQueue<string>();

        void Run(IPromptModule module)
        {
            var dependencies = module.DependsOn.ToDictionary(id => id, id => outputs[id], StringComparer.Ordinal);
            outputs[module.Id] = module.Build(context, dependencies);
            finished.Enqueue(module.Id);
        }

        foreach (var batch in Batches)
        {
            if (batch.Length == 1 || _parallel.MaxDegreeOfParallelism == 1)
            {
                foreach (var module in batch)
                {
                    Run(module);
                }
            }
            else
            {
                Parallel.ForEach(batch, _parallel, Run);
            }
        }

        var text = string.Join("\n\n", _assemblyOrder.Select(m => outputs[m.Id].Text).Where(t => t.Length > 0));
        return new PromptResult(
            text,
            TokenEstimator.Estimate(text),
            [.. Batches.Select(b => b.Select(m => m.Id).ToImmutableArray())],
            [.. finished],
            outputs.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private static ImmutableArray<ImmutableArray<IPromptModule>> PlanBatches(List<IPromptModule> modules)
    {
        var byId = new Dictionary<string, IPromptModule>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!byId.TryAdd(module.Id, module))
            {
                throw new ArgumentException($"Prompt module '{module.Id}' is registered twice.", nameof(modules));
            }
        }

        foreach (var module in modules)
        {
            foreach (var dependency in module.DependsOn.Where(d => !byId.ContainsKey(d)))
            {
                throw new ArgumentException($"Prompt module '{module.Id}' depends on unknown module '{dependency}'.", nameof(modules));
            }
        }

        var remaining = modules.ToDictionary(m => m.Id, m => m.DependsOn.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var dependents = modules
            .SelectMany(m => m.DependsOn.Distinct(StringComparer.Ordinal).Select(d => (Dependency: d, Dependent: m.Id)))
            .ToLookup(p => p.Dependency, p => p.Dependent, StringComparer.Ordinal);

        var batches = ImmutableArray.CreateBuilder<ImmutableArray<IPromptModule>>();
        var ready = remaining.Where(p => p.Value == 0).Select(p => p.Key).ToList();
        var placed = 0;
        while (ready.Count > 0)
        {
            ready.Sort(StringComparer.Ordinal);
            batches.Add([.. ready.Select(id => byId[id])]);
            placed += ready.Count;
            var next = new List<string>();
            foreach (var id in ready)
            {
                foreach (var dependent in dependents[id])
                {
                    if (--remaining[dependent] == 0)
                    {
                        next.Add(dependent);
                    }
                }
            }

            ready = next;
        }

        if (placed != modules.Count)
        {
            var stuck = remaining.Where(p => p.Value > 0).Select(p => p.Key).Order(StringComparer.Ordinal);
            throw new DependencyCycleException($"Prompt module dependencies form a cycle among: {string.Join(", ", stuck)}.");
        }

        return batches.ToImmutable();
    }
}
