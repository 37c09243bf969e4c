using PerfGate.Sample.Configuration;
using PerfGate.Sample.Prompts;
using PerfGate.Sample.Prompts.Modules;
using PerfGate.Sample.Rules;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>
/// Builds and owns the application's services. The four critical services are built in the constructor;
/// the seven others on first use, once, even when several threads ask at the same moment
/// (<see cref="LazyThreadSafetyMode.ExecutionAndPublication"/>). With <see cref="ServiceLoading.Eager"/>
/// everything is built in the constructor, as before masterplan step 5. Use <see cref="ContainerAccessor"/>
/// for the process-wide instance; construct directly only to measure or test construction itself.
/// </summary>
public sealed class ServiceContainer
{
    private readonly Lazy<DuplicateDetectionService> _duplicates;
    private readonly Lazy<DefinitionEditService> _edit;
    private readonly Lazy<ExportService> _export;
    private readonly Lazy<ImportService> _import;
    private readonly Lazy<GatePolicyService> _gatePolicy;
    private readonly Lazy<DefinitionWorkflowService> _workflow;
    private readonly Lazy<DataAggregationService> _aggregation;

    public ServiceContainer(SampleConfiguration configuration)
    {
        Configuration = configuration.Validated();
        RuleCache = new RuleCache();

        Repository = Build(ServiceNames.DefinitionRepository, () => new DefinitionRepository(configuration.DefinitionsFile));
        Validation = Build(ServiceNames.ValidationOrchestrator, () => new ValidationOrchestrator(RuleCache, configuration.RulesDirectory));
        WebLookup = Build(ServiceNames.WebLookupService, () => new WebLookupService(configuration.LookupFile));
        Definitions = Build(ServiceNames.DefinitionOrchestrator, () => new DefinitionOrchestrator(
            new PromptService(new PromptOrchestrator(StandardModules.Create(), configuration.MaxDegreeOfParallelism), new PromptCache(configuration.PromptCacheCapacity)),
            Validation, WebLookup, Repository));

        _duplicates = Deferred(ServiceNames.DuplicateDetectionService, () => new DuplicateDetectionService(Repository));
        _edit = Deferred(ServiceNames.DefinitionEditService, () => new DefinitionEditService(Repository, Validation));
        _export = Deferred(ServiceNames.ExportService, () => new ExportService(Repository));
        _import = Deferred(ServiceNames.ImportService, () => new ImportService());
        _gatePolicy = Deferred(ServiceNames.GatePolicyService, () => new GatePolicyService(configuration.SaveThreshold));
        _workflow = Deferred(ServiceNames.DefinitionWorkflowService, () => new DefinitionWorkflowService(Repository, Validation, GatePolicy));
        _aggregation = Deferred(ServiceNames.DataAggregationService, () => new DataAggregationService(Repository, Validation));

        if (configuration.ServiceLoading == ServiceLoading.Eager)
        {
            _ = (DuplicateDetection, Edit, Export, Import, GatePolicy, Workflow, Aggregation);
        }
    }

    public SampleConfiguration Configuration { get; }

    /// <summary>How often each service was constructed by this container (each is at most 1).</summary>
    public ConstructionCounter Constructions { get; } = new();

    public RuleCache RuleCache { get; }

    public DefinitionRepository Repository { get; }

    public ValidationOrchestrator Validation { get; }

    public WebLookupService WebLookup { get; }

    public DefinitionOrchestrator Definitions { get; }

    public DuplicateDetectionService DuplicateDetection => _duplicates.Value;

    public DefinitionEditService Edit => _edit.Value;

    public ExportService Export => _export.Value;

    public ImportService Import => _import.Value;

    public GatePolicyService GatePolicy => _gatePolicy.Value;

    public DefinitionWorkflowService Workflow => _workflow.Value;

    public DataAggregationService Aggregation => _aggregation.Value;

    private T Build<T>(string name, Func<T> factory)
    {
        var service = factory();
        Constructions.Record(name);
        return service;
    }

    private Lazy<T> Deferred<T>(string name, Func<T> factory) =>
        new(() => Build(name, factory), LazyThreadSafetyMode.ExecutionAndPublication);
}
