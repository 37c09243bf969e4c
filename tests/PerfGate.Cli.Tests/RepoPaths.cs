using System.Reflection;

namespace PerfGate.Cli.Tests;

/// <summary>The repository these tests were built from (stamped into the assembly by the project file).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PerfGateRepoRoot").Value!;

    /// <summary>A git-ignored folder under <c>artifacts/</c> for what a test leaves for people to look at.</summary>
    public static string Artifacts(params string[] parts)
    {
        var path = Path.Combine([Root, "artifacts", .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
