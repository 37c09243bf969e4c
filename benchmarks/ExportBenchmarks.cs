using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Services;

namespace PerfGate.Benchmarks;

/// <summary>
/// EXP-001: exporting the repository (the shipped sample definitions) to a JSON file, as the seeds'
/// <c>ExportService.export()</c> does: serialise, write beside the target, move into place.
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int Ops = 20;

    private ExportService _export = null!;
    private string _folder = null!;
    private string _file = null!;

    /// <summary>The file each operation writes (for tests).</summary>
    internal string ExportFile => _file;

    [GlobalSetup]
    public void Setup()
    {
        _export = new ExportService(new DefinitionRepository(ConfigurationLoader.LoadDefault().DefinitionsFile));
        _folder = Path.Combine(Path.GetTempPath(), "perfgate-export-" + Guid.NewGuid().ToString("N"));
        _file = Path.Combine(_folder, "definitions.json");
        _export.ExportToFile(_file, ExportFormat.Json);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public long ExportToFile()
    {
        var start = Stopwatch.GetTimestamp();
        long bytes = 0;
        for (var i = 0; i < Ops + ExtraWork.Repetitions(Ops); i++)
        {
            bytes += _export.ExportToFile(_file, ExportFormat.Json).Bytes;
        }

        ExtraWork.BurnCpu(start);
        return bytes;
    }
}
