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

    /// <summary>
    /// The A/B job (<c>--ab</c>, and the PR workflow's <c>benchmark-args</c> and the action's default, kept equal by a test): one in-process launch per
    /// side per round, because <c>perfgate ab</c> makes the replicate a process of its own, base and head alternating.
    /// About 16 s per side per round for the whole sample suite on the 2-core machine.
    /// </summary>
    public const string AbArguments = "--inProcess --launchCount 1 --warmupCount 2 --iterationCount 6 --iterationTime 100";
}
