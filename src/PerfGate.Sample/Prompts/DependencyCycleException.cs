namespace PerfGate.Sample.Prompts;

/// <summary>The declared module dependencies contain a cycle, so no execution order exists.</summary>
public sealed class DependencyCycleException : InvalidOperationException
{
    public DependencyCycleException()
    {
    }

    public DependencyCycleException(string message)
        : base(message)
    {
    }

    public DependencyCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
