namespace PerfGate.Sample.Configuration;

/// <summary>When the non-critical services are built (masterplan step 5).</summary>
public enum ServiceLoading
{
    /// <summary>Critical services at construction, the rest on first use (the default).</summary>
    Lazy,

    /// <summary>Every service at construction: the behaviour before step 5, kept for comparison.</summary>
    Eager,
}
