using PerfGate.Sample.Definitions;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>Moves definitions through Draft → Review → Established → Archived (lazy: workflow only).</summary>
public sealed class DefinitionWorkflowService
{
    private readonly DefinitionRepository _repository;
    private readonly ValidationOrchestrator _validation;
    private readonly GatePolicyService _gate;

    public DefinitionWorkflowService(DefinitionRepository repository, ValidationOrchestrator validation, GatePolicyService gate)
    {
        _repository = repository;
        _validation = validation;
        _gate = gate;
    }

    public static bool IsAllowed(DefinitionStatus from, DefinitionStatus to) => (from, to) switch
    {
        (DefinitionStatus.Draft, DefinitionStatus.Review) => true,
        (DefinitionStatus.Review, DefinitionStatus.Draft) => true,
        (DefinitionStatus.Review, DefinitionStatus.Established) => true,
        (DefinitionStatus.Established, DefinitionStatus.Archived) => true,
        _ => false,
    };

    public Definition MoveTo(int id, DefinitionStatus target)
    {
        var definition = _repository.Get(id);
        if (!IsAllowed(definition.Status, target))
        {
            throw new InvalidOperationException($"Definition {id} cannot move from {definition.Status} to {target}.");
        }

        if (target == DefinitionStatus.Established)
        {
            var decision = _gate.MayEstablish(_validation.Validate(definition.Text, definition.Term));
            if (!decision.Allowed)
            {
                throw new InvalidOperationException($"Definition {id} cannot be established: {decision.Reason}.");
            }
        }

        var moved = definition with { Status = target };
        _repository.Update(moved);
        return moved;
    }
}
