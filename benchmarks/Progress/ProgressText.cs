using System.Globalization;
using PerfGate.Cli.Ab;

namespace PerfGate.Benchmarks.Progress;

/// <summary>Where a run stands, as <see cref="ProgressTracker"/> saw it at one moment.</summary>
/// <param name="Phase">"validating", "building", "running" or "done".</param>
/// <param name="Total">Benchmarks in the run (0 until BenchmarkDotNet has validated them).</param>
/// <param name="Finished">Benchmarks finished (whether they succeeded or not).</param>
/// <param name="Current">The benchmark running now; null between benchmarks.</param>
/// <param name="Launch">"2/3" while a benchmark with several launches runs; null otherwise.</param>
/// <param name="Elapsed">Since the run started.</param>
/// <param name="Left">Estimated time left; null until a benchmark has finished.</param>
public sealed record ProgressSnapshot(string Phase, int Total, int Finished, string? Current, string? Launch, TimeSpan Elapsed, TimeSpan? Left);

/// <summary>One finished benchmark.</summary>
public sealed record FinishedBenchmark(int Number, int Total, string Name, bool Succeeded, TimeSpan Took, TimeSpan Elapsed, TimeSpan? Left);

/// <summary>The words of the progress display and of the plain lines; pure.</summary>
public static class ProgressText
{
    /// <summary>
    /// Time left: the mean time of the finished benchmarks × the benchmarks not finished, less what the current one
    /// has run already (never below zero); null before the first benchmark finished.
    /// </summary>
    public static TimeSpan? EstimateLeft(int total, IReadOnlyList<TimeSpan> finished, TimeSpan currentRunning)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (finished.Count == 0)
        {
            return null;
        }

        var mean = finished.Average(t => t.TotalSeconds);
        var left = mean * Math.Max(0, total - finished.Count) - currentRunning.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, left));
    }

    /// <summary>The live line: <c>benchmark 3/11 ValidationBenchmarks.ValidateOneDefinition, launch 2/3 · 0:42 elapsed, about 1:10 left</c>.</summary>
    public static string Live(ProgressSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var where = s.Phase switch
        {
            "running" when s.Current is not null => string.Create(CultureInfo.InvariantCulture, $"benchmark {Math.Min(s.Finished + 1, s.Total)}/{s.Total} {s.Current}")
                                                    + (s.Launch is null ? "" : ", launch " + s.Launch),
            "running" => string.Create(CultureInfo.InvariantCulture, $"{s.Finished}/{s.Total} benchmarks done"),
            "building" => "building the benchmarks" + (s.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({s.Total} to run)") : ""),
            _ => s.Phase,
        };
        return where + " · " + Times(s.Elapsed, s.Left);
    }

    /// <summary>The plain line for a finished benchmark (<see cref="BenchmarkProgressLines.Prefix"/>).</summary>
    public static string Plain(FinishedBenchmark f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return string.Create(CultureInfo.InvariantCulture,
            $"{BenchmarkProgressLines.Prefix}{f.Number}/{f.Total} {(f.Succeeded ? "done" : "FAILED")}: {f.Name} in {Seconds(f.Took)} ({Times(f.Elapsed, f.Left)})");
    }

    /// <summary>
    /// The last line of a run: how many benchmarks ran of how many (<paramref name="total"/>: 0 when unknown), how many of
    /// those failed, how long it took, where the full log is.
    /// </summary>
    public static string Closing(int ran, int failed, int total, TimeSpan elapsed, string? logFile)
    {
        var outcome = (failed == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {failed} failed"))
                      + (total > ran ? string.Create(CultureInfo.InvariantCulture, $", {total - ran} not run (BenchmarkDotNet stopped)") : "");
        var log = string.IsNullOrEmpty(logFile) ? "BenchmarkDotNet wrote no log file" : $"BenchmarkDotNet's full log: {logFile}";
        return string.Create(CultureInfo.InvariantCulture, $"// PerfGate: {ran} benchmark(s) ran in {Clock(elapsed)}{outcome}. {log}");
    }

    public static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private static string Times(TimeSpan elapsed, TimeSpan? left) =>
        Clock(elapsed) + " elapsed" + (left is { } l ? ", about " + Clock(l) + " left" : "");

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
