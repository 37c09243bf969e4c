using PerfGate.Core.Results;

namespace PerfGate.Core.Tests;

/// <summary>Paths of the committed fixture files (copied to the test output) and small helpers.</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public const string Run1 = "BdnFixtures.ParserBenchmarks-report-full.json";

    public static BenchmarkRun ReadBdn(params string[] parts)
    {
        var path = Path(parts);
        using var stream = File.OpenRead(path);
        return BenchmarkDotNetJsonReader.Read(stream, path);
    }

    public static BenchmarkRun ReadBdnText(string json, string name = "test.json")
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return BenchmarkDotNetJsonReader.Read(stream, name);
    }

    public static string TempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfgate-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
