using System.Diagnostics;

namespace PerfGate.Cli;

/// <summary>
/// Where a command's time goes, for docs/performance.md and the gate-speed benchmark: with
/// <c>PERFGATE_TIMINGS=1</c> each stage's milliseconds (and the time from process start to <c>Main</c>) go to stderr as
/// one line, <c>perfgate-stages: start=… parse=… ingest=… …</c>. Off (the default) a mark is one branch; nothing is
/// recorded or printed. A second line, <c>perfgate-gc: gen0=… gen1=… gen2=… pause=… allocated=…</c>, says what the
/// garbage collector did.
/// </summary>
internal static class StageTimings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("PERFGATE_TIMINGS") == "1";
    private static readonly List<(string Stage, double Ms)> Stages = [];
    private static long last = Stopwatch.GetTimestamp();
    private static double startToMainMs = double.NaN;

    /// <summary>Called first thing in Main: the runtime's own start (host, runtime, first JIT) is everything before it.</summary>
    public static void MainEntered()
    {
        if (!Enabled)
        {
            return;
        }

        last = Stopwatch.GetTimestamp();
        using var self = Process.GetCurrentProcess();
        startToMainMs = (DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>Closes the stage that ran since the previous mark and names it.</summary>
    public static void Mark(string stage)
    {
        if (!Enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        Stages.Add((stage, Stopwatch.GetElapsedTime(last, now).TotalMilliseconds));
        last = now;
    }

    private static string Last(GCKind kind)
    {
        var info = GC.GetGCMemoryInfo(kind);
        return info.Index == 0 ? "" : FormattableString.Invariant($"last-{kind}=#{info.Index}(gen{info.Generation}, pause {info.PauseDurations[0].TotalMilliseconds:0.0} ms, heap {info.HeapSizeBytes / 1e6:0} MB, promoted {info.PromotedBytes / 1e6:0} MB)");
    }

    public static void Print(TextWriter error)
    {
        if (!Enabled)
        {
            return;
        }

        Mark("exit");
        var parts = Stages.GroupBy(s => s.Stage).Select(g => FormattableString.Invariant($"{g.Key}={g.Sum(s => s.Ms):0.0}"));
        error.WriteLine(FormattableString.Invariant($"perfgate-stages: start={startToMainMs:0.0} {string.Join(' ', parts)}"));
        error.WriteLine(FormattableString.Invariant(
            $"perfgate-gc: gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause={GC.GetTotalPauseDuration().TotalMilliseconds:0.0} allocated={GC.GetTotalAllocatedBytes() / 1e6:0.0}MB {Last(GCKind.Ephemeral)} {Last(GCKind.FullBlocking)} {Last(GCKind.Background)}"));
    }
}
