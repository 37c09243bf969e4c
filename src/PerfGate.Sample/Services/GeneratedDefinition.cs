using PerfGate.Sample.Definitions;
using PerfGate.Sample.Prompts;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>The result of generating a definition: the prompt used, the stored definition and its validation.</summary>
public sealed record GeneratedDefinition(PromptResult Prompt, Definition Definition, ValidationResult Validation);
