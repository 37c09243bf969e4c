using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts;

/// <summary>
/// A built prompt, its estimated token count (API-002), the module batches and the order in which the
/// modules finished (modules of one batch may finish in any order; batches never overlap).
/// </summary>
public sealed record PromptResult(
    string Text,
    int TokenCount,
    ImmutableArray<ImmutableArray<string>> Batches,
    ImmutableArray<string> ExecutionOrder,
    ImmutableDictionary<string, ModuleOutput> Outputs);
