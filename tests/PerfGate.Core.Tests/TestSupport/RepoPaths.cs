using System.Reflection;

namespace PerfGate.Core.Tests.TestSupport;

/// <summary>Paths in the source tree (recorded at build time), so golden files and workflows are read where they are committed.</summary>
internal static class RepoPaths
{
    public static string Root { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PerfGateRepoRoot").Value!;

    public static string Expected(string fileName) =>
        Path.Combine(Root, "tests", "PerfGate.Core.Tests", "Rendering", "Expected", fileName);
}
