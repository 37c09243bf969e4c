using System.Globalization;

namespace PerfGate.Benchmarks;

/// <summary>
/// The command line split in two: what this program consumes (<c>--ci</c>, <c>--no-gate</c>, <c>--no-record</c>,
/// <c>--verbose</c>, and the A/B switches <c>--ab REF</c>, <c>--rounds</c>, <c>--max-minutes</c>, <c>--max-confirmation-rounds</c>)
/// and everything else, which goes to BenchmarkDotNet untouched (<c>--filter</c>, <c>--job</c>, <c>--list</c>,
/// <c>--launchCount</c>, <c>--artifacts</c>, ...).
/// Without a filter BenchmarkDotNet asks interactively which benchmarks to run; the main job must not wait for a
/// keyboard, so no filter means <c>--filter *</c>. When <c>--filter</c> is given more than once the last one wins
/// (BenchmarkDotNet itself refuses a repeated option): <c>perfgate ab</c> appends the suspects' filter to a command
/// that may already hold the user's, and the suspects are always a subset of what that filter chose.
/// </summary>
public sealed record RunOptions(bool Ci, bool UserChoseJob, IReadOnlyList<string> BenchmarkDotNetArguments)
{
    public const string CiSwitch = "--ci";

    /// <summary>Only run the benchmarks; CI runs <c>perfgate check</c> itself with its own options.</summary>
    public const string NoGateSwitch = "--no-gate";

    /// <summary>Judge without adding this run to the local history.</summary>
    public const string NoRecordSwitch = "--no-record";

    /// <summary>Measure the working tree against a git ref side by side (<see cref="AbStep"/>).</summary>
    public const string AbSwitch = "--ab";

    public const string RoundsSwitch = "--rounds";

    public const string MaxMinutesSwitch = "--max-minutes";

    public const string MaxConfirmationRoundsSwitch = "--max-confirmation-rounds";

    /// <summary>BenchmarkDotNet's full console log, live, instead of the progress display; with <c>--ab</c>, passed to <c>perfgate ab</c>.</summary>
    public const string VerboseSwitch = "--verbose";

    public bool Gate { get; init; } = true;

    public bool Record { get; init; } = true;

    /// <summary>True when the user chose which benchmarks run: the others are then not "removed".</summary>
    public bool Filtered { get; init; }

    /// <summary>Set by <c>--verbose</c>: BenchmarkDotNet's console log instead of the progress display.</summary>
    public bool Verbose { get; init; }

    /// <summary>Set by <c>--ab REF</c>: run <c>perfgate ab</c> against REF instead of the benchmarks.</summary>
    public AbOptions? Ab { get; init; }

    /// <summary>A usage error (one line); the program prints it and exits 2.</summary>
    public string? Error { get; init; }

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var ci = false;
        var gate = true;
        var record = true;
        string? abRef = null;
        int? rounds = null;
        double? maxMinutes = null;
        int? maxConfirmationRounds = null;
        var verbose = false;
        string? error = null;
        var forwarded = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (string.Equals(arg, CiSwitch, StringComparison.OrdinalIgnoreCase))
            {
                ci = true;
            }
            else if (string.Equals(arg, NoGateSwitch, StringComparison.OrdinalIgnoreCase))
            {
                gate = false;
            }
            else if (string.Equals(arg, NoRecordSwitch, StringComparison.OrdinalIgnoreCase))
            {
                record = false;
            }
            else if (TryValue(args, ref i, AbSwitch, out var value))
            {
                abRef = value;
                error ??= string.IsNullOrWhiteSpace(value) || value.StartsWith('-') ? "--ab needs a git ref: --ab main, --ab HEAD~1, --ab <sha>" : null;
            }
            else if (TryValue(args, ref i, RoundsSwitch, out value))
            {
                rounds = PositiveInteger(value, RoundsSwitch, ref error);
            }
            else if (TryValue(args, ref i, MaxMinutesSwitch, out value))
            {
                maxMinutes = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && double.IsFinite(m) ? m : null;
                error ??= maxMinutes is null ? $"{MaxMinutesSwitch} needs a positive number of minutes, not '{value}'" : null;
            }
            else if (TryValue(args, ref i, MaxConfirmationRoundsSwitch, out value))
            {
                maxConfirmationRounds = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
                error ??= maxConfirmationRounds is null ? $"{MaxConfirmationRoundsSwitch} needs a whole number (0 or more), not '{value}'" : null;
            }
            else if (string.Equals(arg, VerboseSwitch, StringComparison.Ordinal))
            {
                verbose = true;
            }
            else
            {
                forwarded.Add(arg);
            }
        }

        var (others, filters) = SplitFilters(forwarded);
        if (filters.Count > 1)
        {
            forwarded = [.. others, "--filter", .. filters[^1]];
        }

        var filtered = filters.Count > 0;
        AbOptions? ab = null;
        if (abRef is not null)
        {
            ab = new AbOptions(abRef, rounds, maxMinutes, maxConfirmationRounds, filtered ? filters[^1] : [], verbose);
            var refused = others.Concat(ci ? [CiSwitch] : []).Concat(gate ? [] : [NoGateSwitch]).ToList();
            error ??= refused.Count == 0 ? null
                : $"--ab runs its own job ({PerfGateJobs.AbArguments}); besides --filter it takes only {RoundsSwitch}, {MaxMinutesSwitch}, "
                  + $"{MaxConfirmationRoundsSwitch} and {VerboseSwitch}, not: {string.Join(' ', refused)}";
        }
        else if (rounds is not null || maxMinutes is not null || maxConfirmationRounds is not null)
        {
            error ??= $"{RoundsSwitch}, {MaxMinutesSwitch} and {MaxConfirmationRoundsSwitch} go with --ab <git ref>";
        }

        if (!filtered)
        {
            forwarded.AddRange(["--filter", "*"]);
        }

        return new RunOptions(ci, forwarded.Any(IsJobOption), forwarded) { Gate = gate, Record = record, Filtered = filtered, Ab = ab, Verbose = verbose, Error = error };
    }

    /// <summary>
    /// The <c>--filter</c> groups (<c>--filter a b</c>, <c>-f a</c>, <c>--filter=a</c>), each with its patterns, and the
    /// other arguments in order.
    /// </summary>
    internal static (List<string> Others, List<List<string>> Filters) SplitFilters(IReadOnlyList<string> args)
    {
        var others = new List<string>(args.Count);
        var filters = new List<List<string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--filter" or "-f")
            {
                var patterns = new List<string>();
                while (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    patterns.Add(args[++i]);
                }

                filters.Add(patterns);
            }
            else if (IsFilterOption(arg))
            {
                filters.Add([arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]]);
            }
            else
            {
                others.Add(arg);
            }
        }

        return (others, filters);
    }

    // "--name value" or "--name=value"; a missing value reads as empty (reported by the caller).
    private static bool TryValue(IReadOnlyList<string> args, ref int i, string name, out string value)
    {
        var arg = args[i];
        if (string.Equals(arg, name, StringComparison.Ordinal))
        {
            value = i + 1 < args.Count ? args[++i] : "";
            return true;
        }

        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            value = arg[(name.Length + 1)..];
            return true;
        }

        value = "";
        return false;
    }

    private static int? PositiveInteger(string value, string name, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        error ??= $"{name} needs a whole number of 1 or more, not '{value}'";
        return null;
    }

    private static bool IsFilterOption(string arg) =>
        arg is "--filter" or "-f" || arg.StartsWith("--filter=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("-f=", StringComparison.Ordinal);

    // BenchmarkDotNet's job option: "--job dry", "-j dry", "--job=dry".
    private static bool IsJobOption(string arg) =>
        arg is "--job" or "-j" || arg.StartsWith("--job=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("-j=", StringComparison.Ordinal);
}

/// <summary>What <c>--ab REF</c> was given: the ref, <c>perfgate ab</c>'s options (null: perfgate's default) and the user's filter.</summary>
public sealed record AbOptions(string Ref, int? Rounds, double? MaxMinutes, int? MaxConfirmationRounds, IReadOnlyList<string> Filter, bool Verbose);
