namespace PerfGate.Core.Results;

/// <summary>
/// The machine and runtime a run was measured on. Comparing runs whose fingerprints differ is reported, and
/// such comparisons are downgraded (a different CPU moves every benchmark at once).
/// </summary>
public sealed record HostFingerprint(
    string Os,
    string Processor,
    int LogicalCores,
    string Runtime,
    string Architecture,
    string BenchmarkDotNetVersion)
{
    public static HostFingerprint Unknown { get; } = new("unknown", "unknown", 0, "unknown", "unknown", "unknown");

    /// <summary>What must match for two runs to be comparable: processor, cores, OS, runtime and architecture (not the BenchmarkDotNet version).</summary>
    public string Key => $"{Processor} | {LogicalCores} cores | {Os} | {Runtime} | {Architecture}";

    public bool IsComparableTo(HostFingerprint other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override string ToString() => Key;
}
