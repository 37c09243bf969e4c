namespace PerfGate.Sample.Configuration;

/// <summary>
/// The typed configuration of the sample application, passed once to the container (masterplan step 1:
/// no configuration that is accepted and then ignored). A value type by design: two configurations
/// are the same when all their settings are equal.
/// </summary>
public sealed record SampleConfiguration
{
    public required string RulesDirectory { get; init; }
    public required string DataDirectory { get; init; }
    public ServiceLoading ServiceLoading { get; init; } = ServiceLoading.Lazy;
    public int PromptCacheCapacity { get; init; } = 256;
    public int MaxDegreeOfParallelism { get; init; } = 2;

    /// <summary>The minimum validation score a definition needs before it may be saved as established.</summary>
    public double SaveThreshold { get; init; } = 0.75;

    /// <summary>The shipped data next to the sample assembly, lazy services.</summary>
    public static SampleConfiguration Default { get; } = ForBaseDirectory(AppContext.BaseDirectory);

    public static SampleConfiguration ForBaseDirectory(string baseDirectory) => new()
    {
        RulesDirectory = Path.Combine(baseDirectory, "Rules", "Data"),
        DataDirectory = Path.Combine(baseDirectory, "Data"),
    };

    public string DefinitionsFile => Path.Combine(DataDirectory, "definitions.json");

    public string LookupFile => Path.Combine(DataDirectory, "lookup.json");

    /// <summary>Rejects settings that cannot work, with a message naming the setting.</summary>
    public SampleConfiguration Validated()
    {
        if (PromptCacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PromptCacheCapacity), PromptCacheCapacity, "must be at least 1");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be at least 1");
        }

        if (SaveThreshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SaveThreshold), SaveThreshold, "must be between 0 and 1");
        }

        return this;
    }
}
