using System.Collections.Immutable;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.History;

/// <summary>Readable test runs: a benchmark per (method, median) pair, three launches around the median.</summary>
internal static class HistoryData
{
    public static readonly HostFingerprint Ci = new("Linux", "AMD EPYC 7763", 4, ".NET 10.0.0", "X64", "0.14.0");
    public static readonly HostFingerprint Laptop = new("macOS", "Apple M2", 8, ".NET 10.0.0", "Arm64", "0.14.0");
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static BenchmarkId Id(string method) => new("PerfGate.Benchmarks.ValidationBenchmarks", method, "", "LaunchCount=3");

    public static string Key(string method) => Id(method).Key;

    public static BenchmarkResult Result(string method, double median, double? allocated = null) => new()
    {
        Id = Id(method),
        FullName = "PerfGate.Benchmarks.ValidationBenchmarks." + method,
        Launches =
        [
            new Launch(1, [median * 0.99, median, median * 1.01]),
            new Launch(2, [median * 0.98, median * 1.0, median * 1.02]),
            new Launch(3, [median, median * 1.03, median * 0.97]),
        ],
        Statistics = new TimeStatistics(9, median * 1.001, median, median * 0.02, median * 0.97, median * 1.03, median * 0.975, median * 1.025, median * 0.007),
        AllocatedBytesPerOperation = allocated,
    };

    public static RecordedRun Run(DateTimeOffset at, string branch, params (string Method, double Median)[] results) =>
        Run(at, branch, Ci, results);

    public static RecordedRun Run(DateTimeOffset at, string branch, HostFingerprint host, params (string Method, double Median)[] results) => new()
    {
        Run = new BenchmarkRun
        {
            Host = host,
            Results = [.. results.Select(r => Result(r.Method, r.Median))],
            Sources = ["BenchmarkDotNet.Artifacts/results/ValidationBenchmarks-report-full-compressed.json"],
        },
        Branch = branch,
        Commit = $"{at.ToUnixTimeSeconds():x}".PadRight(40, 'a'),
        Timestamp = at,
    };

    public static AlertRecord Alert(string method, Severity severity, Tier tier = Tier.History) =>
        new(tier, severity, Key(method), "median", 130, 100, 30, $"{method} is 30% slower than the rolling median");

    public static ImmutableArray<double> Values(IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> recent, string method) =>
        [.. recent[Key(method)].Select(p => p.Value)];
}
