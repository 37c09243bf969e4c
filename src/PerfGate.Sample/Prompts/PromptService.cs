namespace PerfGate.Sample.Prompts;

/// <summary>Builds prompts through the <see cref="PromptOrchestrator"/>, reusing cached ones.</summary>
public sealed class PromptService
{
    private readonly PromptOrchestrator _orchestrator;

    public PromptService(PromptOrchestrator orchestrator, PromptCache cache)
    {
        _orchestrator = orchestrator;
        Cache = cache;
    }

    public PromptCache Cache { get; }

    public PromptResult Build(PromptContext context) => Cache.GetOrAdd(context.CacheKey, () => _orchestrator.Build(context));
}
