using System.Collections.Immutable;

namespace PerfGate.Sample.Services;

/// <summary>The names under which the container counts constructions.</summary>
public static class ServiceNames
{
    public const string DefinitionRepository = nameof(Services.DefinitionRepository);
    public const string DefinitionOrchestrator = nameof(Services.DefinitionOrchestrator);
    public const string ValidationOrchestrator = nameof(Validation.ValidationOrchestrator);
    public const string WebLookupService = nameof(Services.WebLookupService);
    public const string DuplicateDetectionService = nameof(Services.DuplicateDetectionService);
    public const string DefinitionEditService = nameof(Services.DefinitionEditService);
    public const string ExportService = nameof(Services.ExportService);
    public const string ImportService = nameof(Services.ImportService);
    public const string GatePolicyService = nameof(Services.GatePolicyService);
    public const string DefinitionWorkflowService = nameof(Services.DefinitionWorkflowService);
    public const string DataAggregationService = nameof(Services.DataAggregationService);

    /// <summary>Needed by every session, so always built with the container (masterplan step 5).</summary>
    public static ImmutableArray<string> Critical { get; } =
        [DefinitionRepository, DefinitionOrchestrator, ValidationOrchestrator, WebLookupService];

    /// <summary>Needed by one tab or action only, so built on first use unless loading is eager.</summary>
    public static ImmutableArray<string> NonCritical { get; } =
    [
        DuplicateDetectionService, DefinitionEditService, ExportService, ImportService,
        GatePolicyService, DefinitionWorkflowService, DataAggregationService,
    ];
}
