using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PerfGate.Core.Results;

namespace PerfGate.Benchmarks.Tests;

/// <summary>
/// One real (dry, in-process) BenchmarkDotNet run of a sample benchmark through the program's own configuration:
/// the full JSON appears and PerfGate's ingest reads the benchmark back with its allocation figure. Not a full run.
/// </summary>
public sealed class DryRunSmokeTests
{
    [Fact]
    public void A_dry_run_writes_full_json_that_the_gate_reads_with_allocations()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "perfgate-dry-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = PerfGateConfig.Create(RunOptions.Parse(["--job", "dry"]))
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                .WithArtifactsPath(artifacts)
                .WithOptions(ConfigOptions.DisableLogFile);

            var summary = BenchmarkRunner.Run<ValidationBenchmarks>(config);

            summary.HasCriticalValidationErrors.ShouldBeFalse();
            var results = Path.Combine(artifacts, "results");
            Directory.GetFiles(results, "*-report-full.json").ShouldNotBeEmpty();
            var run = ResultsLoader.Load([results]);
            var result = run.Results.ShouldHaveSingleItem();
            result.Id.Type.ShouldBe("PerfGate.Benchmarks.ValidationBenchmarks");
            result.Id.Method.ShouldBe("ValidateOneDefinition");
            result.FailedToRun.ShouldBeFalse();
            result.AllocatedBytesPerOperation.ShouldNotBeNull().ShouldBeGreaterThan(0);
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(new[] { "--ci" }, true, false, false)]
    [InlineData(new[] { "--filter", "*Validation*", "--job", "dry" }, false, true, true)]
    [InlineData(new[] { "--no-gate", "--no-record" }, false, false, false)]
    public void Run_options_split_our_switches_from_BenchmarkDotNet_arguments(string[] args, bool ci, bool choseJob, bool filtered)
    {
        var options = RunOptions.Parse(args);

        options.Ci.ShouldBe(ci);
        options.UserChoseJob.ShouldBe(choseJob);
        options.Filtered.ShouldBe(filtered);
        options.BenchmarkDotNetArguments.ShouldNotContain("--ci");
        options.BenchmarkDotNetArguments.ShouldNotContain("--no-gate");
        options.BenchmarkDotNetArguments.ShouldContain(a => a.StartsWith("--filter", StringComparison.Ordinal));
        options.Gate.ShouldBe(!args.Contains("--no-gate"));
        PerfGateConfig.Create(options).BuildTimeout.ShouldBe(TimeSpan.FromMinutes(10), "a loaded 2-core machine needs more than BenchmarkDotNet's 2 minutes");
    }
}
