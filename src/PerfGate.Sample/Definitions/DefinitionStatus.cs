namespace PerfGate.Sample.Definitions;

/// <summary>The life cycle of a definition, enforced by the workflow service.</summary>
public enum DefinitionStatus
{
    Draft,
    Review,
    Established,
    Archived,
}
