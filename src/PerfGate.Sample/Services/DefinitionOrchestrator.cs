using PerfGate.Sample.Prompts;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>
/// The generation path: build the prompt, obtain a draft (offline: from the look-up data set, where the
/// original calls a language model), validate it and store it.
/// </summary>
public sealed class DefinitionOrchestrator
{
    private readonly ValidationOrchestrator _validation;
    private readonly WebLookupService _lookup;
    private readonly DefinitionRepository _repository;

    public DefinitionOrchestrator(PromptService prompts, ValidationOrchestrator validation, WebLookupService lookup, DefinitionRepository repository)
    {
        Prompts = prompts;
        _validation = validation;
        _lookup = lookup;
        _repository = repository;
    }

    public PromptService Prompts { get; }

    public PromptResult BuildPrompt(string term, string organisationContext, string legalContext = "") =>
        Prompts.Build(new PromptContext(term, organisationContext, _validation.Rules, legalContext));

    public GeneratedDefinition Generate(string term, string organisationContext)
    {
        var prompt = BuildPrompt(term, organisationContext);
        var best = _lookup.Lookup(term, maxResults: 1);
        var draft = best.IsEmpty ? $"concept in {organisationContext} that has the name {term}" : best[0].Entry.Snippet;
        var validation = _validation.Validate(draft, term);
        var stored = _repository.Add(term, organisationContext, draft);
        return new GeneratedDefinition(prompt, stored, validation);
    }
}
