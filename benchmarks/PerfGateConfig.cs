using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using PerfGate.Benchmarks.Progress;

namespace PerfGate.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default configuration with PerfGate's exporters: the full JSON (raw measurements,
/// what the gate reads) and GitHub markdown (what people read). The artifacts path stays BenchmarkDotNet's
/// default (<c>./BenchmarkDotNet.Artifacts</c>) unless <c>--artifacts</c> is given.
/// </summary>
public static class PerfGateConfig
{
    /// <summary>How long BenchmarkDotNet may take to build its generated project before it gives up on the run.</summary>
    public static TimeSpan BuildTimeout { get; } = TimeSpan.FromMinutes(10);

    public static IConfig Create(RunOptions options) => Create(options, progress: null);

    /// <param name="options">The parsed command line.</param>
    /// <param name="progress">
    /// Null: BenchmarkDotNet's console logger (its full log live). Otherwise a quiet run: <see cref="ProgressLogger"/>
    /// instead of the console logger and the tracker as event processor, so the console shows only the progress display;
    /// BenchmarkDotNet's log file still receives everything.
    /// </param>
    public static IConfig Create(RunOptions options, ProgressTracker? progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = DefaultConfig.Instance;
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider([.. defaults.GetColumnProviders()])
            .AddLogger(progress is null ? [.. defaults.GetLoggers()] : [new ProgressLogger(progress)])
            .AddAnalyser([.. defaults.GetAnalysers()])
            .AddValidator([.. defaults.GetValidators()])
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(defaults.Options)
            // BenchmarkDotNet's default (2 minutes) for building its generated project was too short on the 2-core VM
            // at load average 28 (2026-12-02): the build timed out and no benchmark ran. A user's --buildTimeout still wins when longer.
            .WithBuildTimeout(BuildTimeout);

        if (progress is not null)
        {
            config.AddEventProcessor(progress);
        }

        // A job of ours next to the user's --job would run both, and BenchmarkDotNet would take our default
        // job as the base of theirs; so the user's choice wins outright.
        return options.UserChoseJob ? config : config.AddJob(options.Ci ? PerfGateJobs.Ci : PerfGateJobs.Local);
    }
}
