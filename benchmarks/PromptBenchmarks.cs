using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Metrics;
using PerfGate.Sample.Prompts;
using PerfGate.Sample.Prompts.Modules;
using PerfGate.Sample.Rules;

namespace PerfGate.Benchmarks;

/// <summary>Building the reference prompt with all sixteen modules, and fetching it from the prompt cache.</summary>
[MemoryDiagnoser]
public class PromptBenchmarks
{
    private const int BuildOps = 50;
    private const int CachedOps = 20_000;

    private PromptOrchestrator _orchestrator = null!;
    private PromptService _service = null!;
    private PromptContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = ConfigurationLoader.LoadDefault();
        _orchestrator = new PromptOrchestrator(StandardModules.Create(), configuration.MaxDegreeOfParallelism);
        _service = new PromptService(_orchestrator, new PromptCache(configuration.PromptCacheCapacity));
        _context = new PromptContext(DomainFigures.ReferenceTerm, DomainFigures.ReferenceContext, RuleLoader.Load(configuration.RulesDirectory));
        _service.Build(_context);
    }

    [Benchmark(OperationsPerInvoke = BuildOps)]
    public int BuildPrompt()
    {
        var start = Stopwatch.GetTimestamp();
        var tokens = 0;
        for (var i = 0; i < BuildOps + ExtraWork.Repetitions(BuildOps); i++)
        {
            tokens += _orchestrator.Build(_context).TokenCount;
        }

        ExtraWork.BurnCpu(start);
        return tokens;
    }

    [Benchmark(OperationsPerInvoke = CachedOps)]
    public int BuildPromptCached()
    {
        var start = Stopwatch.GetTimestamp();
        var tokens = 0;
        for (var i = 0; i < CachedOps + ExtraWork.Repetitions(CachedOps); i++)
        {
            tokens += _service.Build(_context).TokenCount;
        }

        ExtraWork.BurnCpu(start);
        return tokens;
    }
}
