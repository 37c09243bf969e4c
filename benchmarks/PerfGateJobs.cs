using BenchmarkDotNet.Jobs;

namespace PerfGate.Benchmarks;

/// <summary>
/// The two jobs this program applies when the user names none. Both are marked as the default job so that
/// BenchmarkDotNet's own switches (<c>--launchCount</c>, <c>--iterationCount</c>, ...) adjust them.
/// Sized for the 2-core build machine: the whole suite takes a few minutes locally and about ten in CI.
/// </summary>
public static class PerfGateJobs
{
    /// <summary>A quick local look: one process per benchmark.</summary>
    public static Job Local { get; } = Job.Default
        .WithId("Local")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(12)
        .AsDefault();

    /// <summary>CI: three processes per benchmark, so between-process variance shows in the raw measurements.</summary>
    public static Job Ci { get; } = Job.Default
        .WithId("CI")
        .WithLaunchCount(3)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .AsDefault();
}
