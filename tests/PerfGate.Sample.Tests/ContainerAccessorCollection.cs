namespace PerfGate.Sample.Tests;

/// <summary>Tests that touch the process-wide container run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContainerAccessorCollection
{
    public const string Name = "process-wide container";
}
