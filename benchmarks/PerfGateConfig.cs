using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;

namespace PerfGate.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default configuration with PerfGate's exporters: the full JSON (raw measurements,
/// what the gate reads) and GitHub markdown (what people read). The artifacts path stays BenchmarkDotNet's
/// default (<c>./BenchmarkDotNet.Artifacts</c>) unless <c>--artifacts</c> is given.
/// </summary>
public static class PerfGateConfig
{
    public static IConfig Create(RunOptions options)
    {
        var defaults = DefaultConfig.Instance;
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider([.. defaults.GetColumnProviders()])
            .AddLogger([.. defaults.GetLoggers()])
            .AddAnalyser([.. defaults.GetAnalysers()])
            .AddValidator([.. defaults.GetValidators()])
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(defaults.Options);

        // A job of ours next to the user's --job would run both, and BenchmarkDotNet would take our default
        // job as the base of theirs; so the user's choice wins outright.
        return options.UserChoseJob ? config : config.AddJob(options.Ci ? PerfGateJobs.Ci : PerfGateJobs.Local);
    }
}
