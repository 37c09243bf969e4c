using System.Diagnostics;
using System.Globalization;
using PerfGate.Core.Results;

// Reads one report six times (the first includes JIT) and prints time, allocation and peak working set.
var path = args[0];
for (var i = 0; i < 6; i++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    using var stream = File.OpenRead(path);
    var run = BenchmarkDotNetJsonReader.Read(stream, path);
    watch.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"read {i}: {watch.Elapsed.TotalMilliseconds:F0} ms, {run.Results.Length} benchmarks, allocated {allocated / 1e6:F1} MB, working set {Environment.WorkingSet / 1e6:F0} MB"));
}
