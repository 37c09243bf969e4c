using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Rules;

/// <summary>Builds runs, results and history for the gate's tests: readable literals, lognormal noise from a fixed seed.</summary>
internal static class Runs
{
    public static readonly HostFingerprint Machine = new("Debian 12", "Test CPU @ 3.0GHz", 2, ".NET 10.0.0", "X64", "0.14.0");

    public static readonly HostFingerprint OtherMachine = Machine with { Processor = "Other CPU @ 2.1GHz" };

    public static BenchmarkId Id(string method, string parameters = "") => new("Sample.Benchmarks", method, parameters);

    /// <summary>A result whose launches each hold <paramref name="iterations"/> values around <paramref name="launchMedians"/>, with 1% iteration noise.</summary>
    public static BenchmarkResult Result(BenchmarkId id, double[] launchMedians, Random random, int iterations = 15, double? allocated = 1024)
    {
        var launches = launchMedians
            .Select((m, i) => new Launch(i + 1, [.. Enumerable.Range(0, iterations).Select(_ => m * Math.Exp(0.01 * Normal(random)))]))
            .ToImmutableArray();
        var all = launches.SelectMany(l => l.NanosecondsPerOperation).Order().ToArray();
        return new BenchmarkResult
        {
            Id = id,
            FullName = id.Key,
            Launches = launches,
            Statistics = new TimeStatistics(all.Length, all.Average(), all[all.Length / 2], 0, all[0], all[^1]),
            AllocatedBytesPerOperation = allocated,
        };
    }

    public static BenchmarkResult Failed(BenchmarkId id) => new() { Id = id, FullName = id.Key };

    public static BenchmarkRun Run(HostFingerprint host, params BenchmarkResult[] results) => new() { Host = host, Results = [.. results] };

    /// <summary>Launch medians of one run: a run-level offset (sd <paramref name="runNoise"/>) and a launch-level one (sd <paramref name="launchNoise"/>), both on the log scale.</summary>
    public static double[] Launches(double center, Random random, double runNoise, double launchNoise, int launches = 3)
    {
        var offset = runNoise * Normal(random);
        return [.. Enumerable.Range(0, launches).Select(_ => center * Math.Exp(offset + (launchNoise * Normal(random))))];
    }

    public static ImmutableArray<HistoryPoint> History(double[] launchMediansPerRunCenter, Random random, double runNoise, double launchNoise, string? fingerprint = null)
    {
        var points = new List<HistoryPoint>();
        for (var i = 0; i < launchMediansPerRunCenter.Length; i++)
        {
            var medians = Launches(launchMediansPerRunCenter[i], random, runNoise, launchNoise);
            points.Add(new HistoryPoint(
                i + 1,
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
                $"c{i}",
                fingerprint ?? Machine.Key,
                medians.Order().ElementAt(medians.Length / 2),
                1024,
                [.. medians]));
        }

        points.Reverse();
        return [.. points];
    }

    public static double Normal(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
