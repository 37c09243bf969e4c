using PerfGate.Core.Results;

namespace PerfGate.Cli.Commands;

/// <summary>
/// Checks across files, after each was read on its own: input every reader accepts that still cannot be judged.
/// Each names the files and exits 2 through <see cref="Guard"/> before anything is written.
/// </summary>
internal static class InputChecks
{
    /// <summary>Results in which every benchmark failed to run (one failure among good ones is a reported skip instead).</summary>
    public static void RequireMeasured(BenchmarkRun results, string consequence)
    {
        if (results.Results.Length > 0 && results.Results.All(r => r.FailedToRun))
        {
            throw new ResultsFormatException(Files(results),
                $"no benchmark has measurements: all {results.Results.Length} failed to run (see BenchmarkDotNet's log){consequence}");
        }
    }

    /// <summary>
    /// A baseline whose benchmarks share no id with the results: another project's baseline, or one from before every
    /// benchmark was renamed. Judging would only list everything as new and removed and pass, hiding the mistake.
    /// </summary>
    public static void RequireCommonBenchmark(BenchmarkRun results, BenchmarkRun baseline)
    {
        if (results.Results.Length == 0 || baseline.Results.Length == 0)
        {
            return;
        }

        // Compared without the job: a filtered run's ids can differ from the full run's in the job part alone
        // (JobName.Identity keeps full job names only where two jobs of one file clash), and that is not another project.
        var benchmarks = results.Results.Select(WithoutJob).ToHashSet();
        if (!baseline.Results.Any(b => benchmarks.Contains(WithoutJob(b))))
        {
            throw new ResultsFormatException(Files(baseline),
                $"the baseline shares no benchmark with the results ({baseline.Results.Length} in the baseline, e.g. '{Shorten(baseline.Results[0].Id.Key)}'; {results.Results.Length} in the results, e.g. '{Shorten(results.Results[0].Id.Key)}'): a baseline from another project? Point --baseline at this project's baseline, or run 'perfgate baseline update'");
        }
    }

    private static (string Type, string Method, string Parameters) WithoutJob(BenchmarkResult r) => (r.Id.Type, r.Id.Method, r.Id.Parameters);

    private static string Files(BenchmarkRun run) => run.Sources.Length > 0 ? string.Join(", ", run.Sources) : "the results";

    private static string Shorten(string id) => id.Length <= 80 ? id : id[..77] + "...";
}
