using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.Results;

namespace PerfGate.Core.History;

/// <summary>
/// Generates a plausible history fast, through the real recording path, for benchmarks and measurements of the store
/// (e.g. 1,000 series × 1,000 runs = 1,000,000 result rows). Deterministic for a given seed; no clock is read.
/// </summary>
public static class SyntheticHistory
{
    /// <summary>The host every synthetic run claims.</summary>
    public static HostFingerprint Host { get; } = new("Linux", "Synthetic CPU", 4, ".NET 10.0", "X64", "0.14.0");

    /// <summary>The series keys <see cref="Generate(IHistoryStore, int, int, SyntheticHistoryOptions?)"/> writes, in order.</summary>
    public static ImmutableArray<string> SeriesKeys(int series) => [.. Enumerable.Range(0, series).Select(i => Id(i).Key)];

    /// <summary>Opens (or creates) the file and fills it; see the other overload.</summary>
    public static void Generate(string path, int series, int runs, SyntheticHistoryOptions? options = null)
    {
        using var store = new SqliteHistoryStore(path);
        Generate(store, series, runs, options);
    }

    /// <summary>
    /// Records <paramref name="runs"/> runs, one per <see cref="SyntheticHistoryOptions.Interval"/> from
    /// <see cref="SyntheticHistoryOptions.Start"/>, each with <paramref name="series"/> benchmark results of
    /// <see cref="SyntheticHistoryOptions.Launches"/> × <see cref="SyntheticHistoryOptions.ValuesPerLaunch"/> values,
    /// on branches taken in turn from <see cref="SyntheticHistoryOptions.Branches"/>.
    /// </summary>
    public static void Generate(IHistoryStore store, int series, int runs, SyntheticHistoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(series);
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        options ??= new SyntheticHistoryOptions();
        var random = new Random(options.Seed);
        var ids = Enumerable.Range(0, series).Select(Id).ToArray();
        var baseNanoseconds = Enumerable.Range(0, series).Select(_ => 50 + (random.NextDouble() * 100_000)).ToArray();

        for (var run = 0; run < runs; run++)
        {
            var results = ImmutableArray.CreateBuilder<BenchmarkResult>(series);
            for (var s = 0; s < series; s++)
            {
                var launches = ImmutableArray.CreateBuilder<Launch>(options.Launches);
                var all = new List<double>(options.Launches * options.ValuesPerLaunch);
                for (var l = 0; l < options.Launches; l++)
                {
                    // Each launch has its own offset (between-process noise) around the series' level.
                    var launchLevel = baseNanoseconds[s] * (1 + ((random.NextDouble() - 0.5) * 0.04));
                    var values = ImmutableArray.CreateBuilder<double>(options.ValuesPerLaunch);
                    for (var v = 0; v < options.ValuesPerLaunch; v++)
                    {
                        values.Add(launchLevel * (1 + ((random.NextDouble() - 0.5) * 0.02)));
                    }

                    all.AddRange(values);
                    launches.Add(new Launch(l + 1, values.MoveToImmutable()));
                }

                all.Sort();
                results.Add(new BenchmarkResult
                {
                    Id = ids[s],
                    FullName = ids[s].Type + "." + ids[s].Method,
                    Launches = launches.MoveToImmutable(),
                    Statistics = all.Count == 0 ? null : new TimeStatistics(
                        all.Count, all.Average(), all[all.Count / 2], baseNanoseconds[s] * 0.005, all[0], all[^1]),
                    AllocatedBytesPerOperation = s % 2 == 0 ? 64 * (s % 7) : null,
                });
            }

            var benchmarkRun = new BenchmarkRun { Host = Host, Results = results.MoveToImmutable(), Sources = ["synthetic"] };
            store.RecordRun(
                new RecordedRun
                {
                    Run = benchmarkRun,
                    Branch = options.Branches[run % options.Branches.Length],
                    Commit = run.ToString("x40", CultureInfo.InvariantCulture),
                    Timestamp = options.Start + (options.Interval * run),
                },
                []);
        }
    }

    private static BenchmarkId Id(int index) => new(
        $"PerfGate.Synthetic.Group{index / 50:D3}Benchmarks",
        $"Case{index:D4}",
        index % 3 == 0 ? $"Size={index % 100}" : "",
        "LaunchCount=3");
}
