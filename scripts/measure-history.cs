#:project ../src/PerfGate.Core/PerfGate.Core.csproj
#:property Optimize=true
#:property PublishAot=false

// Measures SqliteHistoryStore.GetRecent on a synthetic history (not a test; the lead's BenchmarkDotNet benchmark
// will replace it). Usage: dotnet run scripts/measure-history.cs -- [path] [series] [runs] [perSeries]
using System.Diagnostics;
using System.Globalization;
using PerfGate.Core.History;

var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "perfgate-measure", "history.db");
var series = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var perSeries = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;

if (!File.Exists(path))
{
    var generate = Stopwatch.StartNew();
    SyntheticHistory.Generate(path, series, runs);
    Console.WriteLine($"generated {series} series x {runs} runs = {series * runs:N0} results in {generate.Elapsed.TotalSeconds:F1} s");
}

Console.WriteLine($"file: {path}, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
var keys = SyntheticHistory.SeriesKeys(series);
using var store = new SqliteHistoryStore(path);
var fingerprint = SyntheticHistory.Host.Key;
for (var round = 0; round < 2; round++)
{
    foreach (var (label, fp) in new[] { ("branch", (string?)null), ("branch+fingerprint", fingerprint) })
    {
        var times = new List<double>();
        long allocated = 0;
        var points = 0;
        for (var i = 0; i < 7; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var recent = store.GetRecent("main", keys, perSeries, fp);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
            points = recent.Values.Sum(v => v.Length);
        }

        times.Sort();
        Console.WriteLine($"round {round} GetRecent({label}) {series} series x {perSeries}: min {times[0]:F0}, median {times[times.Count / 2]:F0}, max {times[^1]:F0} ms, {points:N0} points, {allocated / 1024.0 / 1024.0:F1} MiB allocated per call");
    }
}

Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB");
