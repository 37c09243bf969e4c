using System.Collections.Immutable;

namespace PerfGate.Sample.Prompts;

/// <summary>The part of the prompt one module produced, plus facts later modules may read (e.g. the category).</summary>
public sealed record ModuleOutput(string ModuleId, string Text, ImmutableDictionary<string, string> Facts)
{
    public static ModuleOutput Of(string moduleId, string text) => new(moduleId, text, ImmutableDictionary<string, string>.Empty);
}
