namespace PerfGate.Benchmarks.Tests;

/// <summary>EXP-001's benchmark does what it says: every operation writes the whole export file.</summary>
public sealed class ExportBenchmarksTests
{
    [Fact]
    public void One_invocation_exports_the_file_twenty_times_and_cleanup_removes_it()
    {
        var benchmark = new ExportBenchmarks();
        benchmark.Setup();
        var folder = Path.GetDirectoryName(benchmark.ExportFile)!;
        try
        {
            var bytes = benchmark.ExportToFile();

            var length = new FileInfo(benchmark.ExportFile).Length;
            Directory.GetFiles(folder).ShouldBe([benchmark.ExportFile]);
            length.ShouldBeGreaterThan(1000);
            bytes.ShouldBe(20 * length);
        }
        finally
        {
            benchmark.Cleanup();
        }

        Directory.Exists(folder).ShouldBeFalse();
    }
}
