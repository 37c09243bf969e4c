using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// The machine and runtime a run was measured on. Comparing runs whose fingerprints differ is reported, and
/// such comparisons are downgraded (a different CPU moves every benchmark at once).
/// </summary>
/// <remarks>
/// What must match (<see cref="Key"/>) is what actually changes timings: the CPU model, the core count, the OS family,
/// the runtime's major.minor version and the architecture. A runtime patch, an OS release or a kernel build is a
/// note (<see cref="Detail"/>), not a different machine: a hosted runner's image moves those every week, and
/// treating each as a new machine would leave the baseline and the history unable to judge anything.
/// </remarks>
public sealed partial record HostFingerprint(
    string Os,
    string Processor,
    int LogicalCores,
    string Runtime,
    string Architecture,
    string BenchmarkDotNetVersion)
{
    private static readonly string[] LinuxNames = ["Linux", "Ubuntu", "Debian", "Fedora", "Alpine", "CentOS", "Red Hat", "SUSE", "Arch", "Mariner", "Azure Linux", "Amazon"];

    public static HostFingerprint Unknown { get; } = new("unknown", "unknown", 0, "unknown", "unknown", "unknown");

    /// <summary>What must match for two runs to be comparable: processor, cores, OS family, runtime major.minor, architecture.</summary>
    public string Key => $"{Processor} | {LogicalCores} cores | {OsFamily(Os)} | {RuntimeVersion(Runtime)} | {Architecture}";

    /// <summary>Everything as measured (full OS and runtime strings), for notes.</summary>
    public string Detail => $"{Processor} | {LogicalCores} cores | {Os} | {Runtime} | {Architecture}";

    public bool IsComparableTo(HostFingerprint other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <summary>
    /// The comparable form of a stored fingerprint key: keys recorded before fingerprints were coarsened held the full
    /// OS and runtime strings; this maps both forms to <see cref="Key"/>'s, so old history still matches new runs.
    /// </summary>
    public static string NormalizeKey(string key)
    {
        var parts = key.Split(" | ");
        return parts.Length == 5 ? $"{parts[0]} | {parts[1]} | {OsFamily(parts[2])} | {RuntimeVersion(parts[3])} | {parts[4]}" : key;
    }

    /// <summary><c>Windows</c>, <c>macOS</c>, <c>Linux</c>, <c>FreeBSD</c>, or the string itself when none of those.</summary>
    public static string OsFamily(string os)
    {
        if (os.Contains("Windows", StringComparison.OrdinalIgnoreCase))
        {
            return "Windows";
        }

        if (os.Contains("macOS", StringComparison.OrdinalIgnoreCase) || os.Contains("Darwin", StringComparison.OrdinalIgnoreCase) || os.Contains("OS X", StringComparison.OrdinalIgnoreCase))
        {
            return "macOS";
        }

        if (os.Contains("FreeBSD", StringComparison.OrdinalIgnoreCase))
        {
            return "FreeBSD";
        }

        return LinuxNames.Any(l => os.Contains(l, StringComparison.OrdinalIgnoreCase)) ? "Linux" : os;
    }

    /// <summary>The runtime's name and major.minor (<c>.NET 10.0</c> of <c>.NET 10.0.1 (10.0.125.57005), X64 RyuJIT</c>), or the string itself.</summary>
    public static string RuntimeVersion(string runtime)
    {
        var match = RuntimePattern().Match(runtime);
        return match.Success ? $"{match.Groups["name"].Value.Trim()} {match.Groups["major"].Value}.{match.Groups["minor"].Value}" : runtime;
    }

    public override string ToString() => Key;

    [GeneratedRegex(@"^(?<name>[^\d(]*?)\s*(?<major>\d+)\.(?<minor>\d+)")]
    private static partial Regex RuntimePattern();
}
