using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// A suite sharded across a job matrix (docs/ab.md, "Sharding"): <c>DIR/shard-1/round-01/{base,head}</c>,
/// <c>DIR/shard-2/round-01/…</c>, each shard an A/B folder measured on its own runner with its share of the benchmarks.
/// The shards are merged into one A/B folder: round N of the merged folder holds round N of every shard that has one
/// (a benchmark belongs to one shard, so its pairs stay on one runner). A shard that is missing (fewer than
/// <c>--shards N</c>), failed (no complete round, or unreadable), or shares a benchmark with another shard is bad input:
/// a <see cref="ResultsFormatException"/> naming the shard.
/// </summary>
public static partial class AbShards
{
    /// <summary>The folder name of shard <paramref name="number"/>: <c>shard-1</c>.</summary>
    public static string ShardFolderName(int number) => string.Create(CultureInfo.InvariantCulture, $"shard-{number}");

    /// <summary>True when <paramref name="dir"/> holds <c>shard-N</c> folders (a sharded A/B folder).</summary>
    public static bool IsSharded(string dir) =>
        Directory.Exists(dir) && Directory.EnumerateDirectories(dir).Any(d => ShardName().IsMatch(Path.GetFileName(d)));

    /// <summary>
    /// <paramref name="dir"/> as one A/B folder: a plain one (round-NN folders) as <see cref="AbFolder.Load"/> reads it,
    /// a sharded one merged. <paramref name="expectedShards"/> (<c>--shards N</c>) makes a missing shard an error.
    /// </summary>
    public static AbFolder Load(string dir, int? expectedShards = null)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!IsSharded(dir))
        {
            if (expectedShards is { } n)
            {
                throw new ResultsFormatException(dir, $"--shards {n.ToString(CultureInfo.InvariantCulture)} was given but the folder holds no shard-N folders (expected shard-1 … shard-{n.ToString(CultureInfo.InvariantCulture)}, each with round-NN/base and round-NN/head)");
            }

            return AbFolder.Load(dir);
        }

        var shards = new SortedDictionary<int, string>();
        foreach (var folder in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            var match = ShardName().Match(Path.GetFileName(folder));
            if (!match.Success)
            {
                continue;
            }

            var number = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number < 1)
            {
                throw new ResultsFormatException(folder, "not a shard folder: expected shard-N with N from 1");
            }

            if (shards.TryGetValue(number, out var other))
            {
                throw new ResultsFormatException(folder, $"shard {number} appears twice (also {other})");
            }

            shards[number] = folder;
        }

        if (expectedShards is { } expected)
        {
            var missing = Enumerable.Range(1, expected).Where(n => !shards.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                var names = string.Join(", ", missing.Select(ShardFolderName));
                throw new ResultsFormatException(dir, $"{Plural(missing.Count, "shard")} of {expected} missing: {names} (its job failed or its artifact was not downloaded); no verdict from a partial suite");
            }

            var extra = shards.Keys.Where(n => n > expected).ToList();
            if (extra.Count > 0)
            {
                throw new ResultsFormatException(shards[extra[0]], $"shard {extra[0]} is beyond --shards {expected}");
            }
        }

        var loaded = new List<(int Number, string Folder, AbFolder Ab)>();
        foreach (var (number, folder) in shards)
        {
            try
            {
                loaded.Add((number, folder, AbFolder.Load(folder)));
            }
            catch (ResultsFormatException e)
            {
                throw new ResultsFormatException(folder, $"shard {number} failed: {e.Message}", e);
            }
        }

        RequireDisjoint(loaded);
        return Merge(loaded);
    }

    /// <summary>A benchmark measured by two shards would be judged twice, on two runners: the matrix split is wrong.</summary>
    private static void RequireDisjoint(List<(int Number, string Folder, AbFolder Ab)> shards)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (number, folder, ab) in shards)
        {
            var keys = ab.Rounds.SelectMany(r => r.Head.Results.Concat(r.Base.Results)).Select(r => r.Id.Key).Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (owner.TryGetValue(key, out var first))
                {
                    throw new ResultsFormatException(folder, $"benchmark '{key}' is in shard {first} and shard {number}: each benchmark must belong to exactly one shard (check the matrix's --filter split)");
                }

                owner[key] = number;
            }
        }
    }

    private static AbFolder Merge(List<(int Number, string Folder, AbFolder Ab)> shards)
    {
        var numbers = shards.SelectMany(s => s.Ab.Rounds.Select(r => r.Number)).Distinct().Order().ToList();
        var rounds = ImmutableArray.CreateBuilder<AbRound>(numbers.Count);
        foreach (var number in numbers)
        {
            var parts = shards.SelectMany(s => s.Ab.Rounds.Where(r => r.Number == number)).ToList();
            rounds.Add(new AbRound(number, Combine(parts.Select(p => p.Base).ToList()), Combine(parts.Select(p => p.Head).ToList())));
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(shards.SelectMany(s => s.Ab.Warnings));
        var description = string.Join(", ", shards.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{ShardFolderName(s.Number)} ({Plural(s.Ab.Rounds.SelectMany(r => r.Head.Results).Select(r => r.Id.Key).Distinct(StringComparer.Ordinal).Count(), "benchmark")}, {Plural(s.Ab.Rounds.Length, "round")})")));
        warnings.Add($"Merged {Plural(shards.Count, "shard")}, each measured on its own runner: {description}.");

        // Every benchmark ran in all of its shard's screening rounds; the fewest any shard had is what all benchmarks had.
        return new AbFolder(rounds.MoveToImmutable(), shards.Min(s => s.Ab.ScreeningRounds), warnings.ToImmutable());
    }

    /// <summary>One side of one round across shards: disjoint benchmarks side by side, the first shard's host.</summary>
    private static BenchmarkRun Combine(List<BenchmarkRun> runs) => runs.Count == 1 ? runs[0] : runs[0] with
    {
        Results = [.. runs.SelectMany(r => r.Results)],
        Metrics = [.. runs.SelectMany(r => r.Metrics)],
        Sources = [.. runs.SelectMany(r => r.Sources)],
        Warnings = [.. runs.SelectMany(r => r.Warnings)],
        Detail = runs.All(r => r.Detail == ResultDetail.Measurements) ? ResultDetail.Measurements : runs.First(r => r.Detail != ResultDetail.Measurements).Detail,
        Timestamp = runs.Select(r => r.Timestamp).Where(t => t is not null).DefaultIfEmpty(null).Min(),
    };

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    [GeneratedRegex(@"^shard-(\d{1,4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ShardName();
}
