using PerfGate.Sample.Configuration;

namespace PerfGate.Sample.Tests;

/// <summary>The shipped data files, as copied next to the test assembly.</summary>
internal static class TestData
{
    public static SampleConfiguration Configuration { get; } = SampleConfiguration.ForBaseDirectory(AppContext.BaseDirectory);

    public static string RulesDirectory => Configuration.RulesDirectory;

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "perfgate-sample-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
