using System.Collections.Immutable;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Definitions;
using PerfGate.Sample.Services;
using PerfGate.Sample.Startup;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Metrics;

/// <summary>
/// Measures the deterministic domain figures by running the sample paths once, in a fixed workload:
/// counts and ratios only, never times, so the same code gives the same figures on any machine.
/// Resets the process-wide container before and after; do not call it while the application runs.
/// </summary>
public static class DomainFigures
{
    /// <summary>The prompt whose size API-002 tracks.</summary>
    public const string ReferenceTerm = "permit";
    public const string ReferenceContext = "environmental law";

    /// <summary>How often the workload repeats the prompt requests for the sample terms (CACHE-002).</summary>
    public const int PromptRounds = 5;

    /// <summary>How many callers ask for the container after startup (SVC-001).</summary>
    public const int ContainerRequests = 16;

    public static ImmutableArray<DomainFigure> Measure(SampleConfiguration? configuration = null) =>
        [.. Run(configuration, heldBytes: null)];

    /// <summary>
    /// MEM-001: the managed heap the started application holds once the fixed workload has run (container, services,
    /// rules, repository, warm caches), in KiB: <see cref="GC.GetTotalMemory(bool)"/> after full collections with the
    /// application alive, less the same before it started. Managed heap only, not the process's working set (in the
    /// benchmarks host that is mostly BenchmarkDotNet and the runtime). Not deterministic: the runtime's own objects
    /// (thread-pool threads, JIT-allocated statics) move it by a few KiB, so the figure is the least of three starts.
    /// </summary>
    public static DomainFigure MeasureHeldMemory(SampleConfiguration? configuration = null)
    {
        // The runtime's incidental objects (thread-pool threads' statics, timers) only ever add to a reading, by a few
        // KiB that vary from start to start: the least of three starts is the application's own share.
        var held = long.MaxValue;
        for (var start = 0; start < HeldMemoryStarts; start++)
        {
            Run(configuration, heldBytes: before => held = Math.Min(held, HeapBytes() - before));
        }

        return new DomainFigure("MEM-001", "Managed heap held by the started application", Math.Round(held / 1024.0, 1), "KiB",
            BiggerIsBetter: false, Deterministic: false);
    }

    private const int HeldMemoryStarts = 3;

    private static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static ImmutableArray<DomainFigure> Run(SampleConfiguration? configuration, Action<long>? heldBytes)
    {
        ContainerAccessor.ResetForTestsAndBenchmarks();
        try
        {
            var before = heldBytes is null ? 0 : HeapBytes();
            var app = configuration is null ? SampleApplication.Start() : SampleApplication.Start(configuration);
            Parallel.For(0, ContainerRequests, _ => ContainerAccessor.Get());
            var container = app.Container;

            // The reference prompt (API-002), then the sample workload: every sample term, several rounds.
            var reference = container.Definitions.BuildPrompt(ReferenceTerm, ReferenceContext);
            var samples = SampleDefinitions.Load(container.Configuration.DefinitionsFile);
            for (var round = 0; round < PromptRounds; round++)
            {
                foreach (var sample in samples)
                {
                    container.Definitions.BuildPrompt(sample.Term, sample.Context);
                }
            }

            // Validation asks the rule cache once per call (VAL-003): startup's load is the only miss.
            foreach (var sample in samples)
            {
                container.Validation.Validate(new DefinitionInput(sample.Term, sample.Text));
            }

            container.Validation.ValidateBatch(samples.Select(s => new DefinitionInput(s.Term, s.Text)));
            samples = [];
            heldBytes?.Invoke(before);
            GC.KeepAlive(app);

            return
            [
                new DomainFigure("SVC-001", "Service container constructions", ContainerAccessor.Constructions, "count", BiggerIsBetter: false),
                new DomainFigure("SVC-003", "Services constructed at startup", app.Report.ServicesConstructed.Values.Sum(), "count", BiggerIsBetter: false),
                new DomainFigure("API-002", "Prompt tokens", reference.TokenCount, "tokens", BiggerIsBetter: false),
                new DomainFigure("VAL-003", "Rule cache hit rate", Math.Round(container.RuleCache.Statistics.HitRate, 4), "ratio", BiggerIsBetter: true),
                new DomainFigure("CACHE-002", "Prompt cache hit rate", Math.Round(container.Definitions.Prompts.Cache.Statistics.HitRate, 4), "ratio", BiggerIsBetter: true),
                new DomainFigure("VAL-004", "Rules loaded", app.Report.RulesLoaded, "count", BiggerIsBetter: true),
            ];
        }
        finally
        {
            ContainerAccessor.ResetForTestsAndBenchmarks();
        }
    }
}
