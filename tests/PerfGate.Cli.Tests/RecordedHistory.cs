using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfGate.Cli.Tests;

/// <summary>
/// A history built the way users build one: <c>perfgate check --record</c> once a day on main, from real
/// BenchmarkDotNet output (one real run, its times scaled by ±1.5% seeded noise each day), and from
/// <see cref="RegressionFrom"/> on one benchmark (<see cref="RegressedIndex"/>, Join(Count: 100) with 1,870 B per
/// operation) <see cref="RegressionFactor"/> times slower with twice the allocations, which records alerts.
/// The last run is at <see cref="End"/>; the clock is left there.
/// </summary>
public sealed partial class RecordedHistory : IDisposable
{
    /// <summary>Join(Count: 100, Separator: "a b") on the job with one launch and four iterations, in <see cref="Source"/> without the benchmarks that throw.</summary>
    public const int RegressedIndex = 14;
    /// <summary>What the regressed benchmark's display name and series key contain (its job is the one with four iterations).</summary>
    public const string RegressedSeries = "Join(Count=100, Separator=a b) [InvocationCount=16, IterationCount=4,";

    /// <summary>Whether a series key or display name is the benchmark the last runs regress.</summary>
    public static bool IsRegressed(string seriesKeyOrName) => seriesKeyOrName.Contains(RegressedSeries, StringComparison.Ordinal);

    public static readonly DateTimeOffset End = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A real BenchmarkDotNet run (one machine, so every recorded run shares its fingerprint).</summary>
    public static readonly string RealRun = CliRunner.Run2;

    public RecordedHistory()
        : this(runs: 30, regressionFrom: 27)
    {
    }

    internal RecordedHistory(int runs, int regressionFrom, double regressionFactor = 1.6)
    {
        Runs = runs;
        RegressionFrom = regressionFrom;
        RegressionFactor = regressionFactor;
        Source = WithoutFailedBenchmarks(RealRun, Cli.Path("source"));
        var noise = new Random(20261130);
        for (var i = 0; i < runs; i++)
        {
            Cli.Clock.Now = End - TimeSpan.FromDays(runs - 1 - i);
            var factor = 1 + ((noise.NextDouble() * 2) - 1) * 0.015;
            var results = Cli.SlowedCopy(Source, factor, $"run{i:D3}", ranAt: Cli.Clock.Now);
            if (i >= regressionFrom)
            {
                results = Cli.SlowedCopy(Path.Combine(results, Path.GetFileName(Source)), regressionFactor, $"run{i:D3}-slow", which: b => b == RegressedIndex, allocationFactor: 2.0);
            }

            var commit = CommitOf(i);
            var (code, output, error) = Cli.Run("check", "--results", results, "--history", HistoryPath, "--record", "--branch", "main", "--commit", commit);
            if (code is not (0 or 1))
            {
                throw new InvalidOperationException($"recording run {i} exited {code}: {error}");
            }

            var id = long.Parse(RecordedRunId().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            RunIds.Add(id);
            Commits.Add(commit);
            ExitCodes.Add(code);
            Outputs.Add(output);
        }
    }

    public CliRunner Cli { get; } = new();

    /// <summary><see cref="RealRun"/> without its benchmarks that throw (they would add a "failed to run" warning to every run).</summary>
    public string Source { get; }

    public string HistoryPath => Cli.Path("history.db");

    public int Runs { get; }

    public int RegressionFrom { get; }

    public double RegressionFactor { get; }

    public List<long> RunIds { get; } = [];

    public List<string> Commits { get; } = [];

    public List<int> ExitCodes { get; } = [];

    /// <summary>What each recording printed (the verdict table), for failure messages.</summary>
    public List<string> Outputs { get; } = [];

    /// <summary>A 40-digit hex commit unique to run <paramref name="i"/>.</summary>
    public static string CommitOf(int i) => i.ToString("x4", CultureInfo.InvariantCulture) + new string('c', 36);

    /// <summary>A private copy of the history file, for tests that change it (acknowledgements).</summary>
    public string CopyHistory(CliRunner into) => CopyHistoryTo(into.Path("history-copy.db"));

    /// <summary>Copies the history file to <paramref name="target"/>, with its WAL (committed pages not yet checkpointed); returns the target.</summary>
    public string CopyHistoryTo(string target)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(target + suffix);
            if (File.Exists(HistoryPath + suffix))
            {
                File.Copy(HistoryPath + suffix, target + suffix);
            }
        }

        return target;
    }

    public void Dispose() => Cli.Dispose();

    private static string WithoutFailedBenchmarks(string source, string folder)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(source))!;
        var benchmarks = root["Benchmarks"]!.AsArray();
        foreach (var failed in benchmarks.Where(b => b!["Statistics"] is null).ToList())
        {
            benchmarks.Remove(failed);
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(source));
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [GeneratedRegex(@"recorded run (\d+)")]
    private static partial Regex RecordedRunId();
}
