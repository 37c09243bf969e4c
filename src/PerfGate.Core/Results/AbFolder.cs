using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// A same-runner A/B folder (SPEC §3b, docs/ab.md) read back: <c>DIR/round-01/base/</c>, <c>DIR/round-01/head/</c>,
/// <c>DIR/round-02/…</c>, each side any results <c>check</c> reads. A round whose folder holds <see cref="FilterFile"/>
/// (the BenchmarkDotNet <c>--filter</c> patterns it reran) is a confirmation round; the others are screening rounds.
/// <c>round-NN.partial</c> folders (a round that did not complete) are skipped with a warning.
/// </summary>
/// <param name="Rounds">The complete rounds, by number.</param>
/// <param name="ScreeningRounds">How many of them ran every benchmark (no <see cref="FilterFile"/>).</param>
/// <param name="Warnings">Sentences for the verdict's notes (skipped partial rounds).</param>
public sealed partial record AbFolder(ImmutableArray<AbRound> Rounds, int ScreeningRounds, ImmutableArray<string> Warnings)
{
    /// <summary>The base side's folder inside a round.</summary>
    public const string BaseSide = "base";

    /// <summary>The head side's folder inside a round.</summary>
    public const string HeadSide = "head";

    /// <summary>In a confirmation round: the BenchmarkDotNet filter patterns it ran, one a line.</summary>
    public const string FilterFile = "filter.txt";

    /// <summary>The suffix of a round still being measured (or interrupted): renamed away when both sides completed.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>The folder name of round <paramref name="number"/>: <c>round-01</c>.</summary>
    public static string RoundFolderName(int number) => string.Create(CultureInfo.InvariantCulture, $"round-{number:00}");

    /// <summary>True when <paramref name="name"/> is a round folder's name, complete or partial.</summary>
    public static bool IsRoundName(string name) => name.StartsWith("round-", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ResultsFormatException">No round folders, a round without a side, or a side whose results cannot be read; the message names the path, the round and the side.</exception>
    public static AbFolder Load(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
        {
            throw new ResultsFormatException(dir, File.Exists(dir) ? "not a folder (--ab expects a folder of round-NN/base and round-NN/head)" : "no such folder");
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        var found = new SortedDictionary<int, string>();
        foreach (var folder in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (!IsRoundName(name))
            {
                continue;
            }

            if (name.EndsWith(PartialSuffix, StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"{folder} was skipped: a round that did not complete (perfgate ab was interrupted or one side failed).");
                continue;
            }

            var match = RoundName().Match(name);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw new ResultsFormatException(folder, "not a round folder: expected round-NN with NN a number from 1 (e.g. round-01)");
            }

            if (found.TryGetValue(number, out var other))
            {
                throw new ResultsFormatException(folder, $"round {number} appears twice (also {other})");
            }

            found[number] = folder;
        }

        if (found.Count == 0)
        {
            throw new ResultsFormatException(dir, "no round-NN folders: an A/B folder holds round-01/base, round-01/head, round-02/… (written by perfgate ab, docs/ab.md)");
        }

        var rounds = ImmutableArray.CreateBuilder<AbRound>(found.Count);
        var screening = 0;
        foreach (var (number, folder) in found)
        {
            var baseRun = LoadSide(folder, number, BaseSide);
            var headRun = LoadSide(folder, number, HeadSide);
            rounds.Add(new AbRound(number, baseRun, headRun));
            if (!File.Exists(Path.Combine(folder, FilterFile)))
            {
                screening++;
            }
        }

        return new AbFolder(rounds.MoveToImmutable(), screening, warnings.ToImmutable());
    }

    /// <summary>The filter patterns of a confirmation round's folder (empty for a screening round).</summary>
    public static ImmutableArray<string> ReadFilter(string roundFolder)
    {
        var path = Path.Combine(roundFolder, FilterFile);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)]
            : [];
    }

    private static BenchmarkRun LoadSide(string roundFolder, int number, string side)
    {
        var sideFolder = Path.Combine(roundFolder, side);
        if (!Directory.Exists(sideFolder))
        {
            throw new ResultsFormatException(sideFolder, $"round {number} has no {side} side (expected the folder {side}/ with that side's results)");
        }

        BenchmarkRun run;
        try
        {
            run = ResultsLoader.Load([sideFolder]);
        }
        catch (ResultsFormatException e)
        {
            throw new ResultsFormatException(sideFolder, $"round {number}, {side} side: cannot read the results: {e.Message}", e);
        }

        if (run.Results.Length == 0 && run.Metrics.Length == 0)
        {
            throw new ResultsFormatException(sideFolder, $"round {number}, {side} side: no benchmark results");
        }

        return run;
    }

    [GeneratedRegex(@"^round-(\d{1,6})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoundName();
}
