namespace PerfGate.Benchmarks;

/// <summary>
/// The command line split in two: what this program consumes (<c>--ci</c>) and everything else, which goes to
/// BenchmarkDotNet untouched (<c>--filter</c>, <c>--job</c>, <c>--list</c>, <c>--launchCount</c>, <c>--artifacts</c>, ...).
/// Without a filter BenchmarkDotNet asks interactively which benchmarks to run; the main job must not wait for a
/// keyboard, so no filter means <c>--filter *</c>.
/// </summary>
public sealed record RunOptions(bool Ci, bool UserChoseJob, IReadOnlyList<string> BenchmarkDotNetArguments)
{
    public const string CiSwitch = "--ci";

    /// <summary>Only run the benchmarks; CI runs <c>perfgate check</c> itself with its own options.</summary>
    public const string NoGateSwitch = "--no-gate";

    /// <summary>Judge without adding this run to the local history.</summary>
    public const string NoRecordSwitch = "--no-record";

    public bool Gate { get; init; } = true;

    public bool Record { get; init; } = true;

    /// <summary>True when the user chose which benchmarks run: the others are then not "removed".</summary>
    public bool Filtered { get; init; }

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var ci = false;
        var gate = true;
        var record = true;
        var forwarded = new List<string>(args.Count);
        foreach (var arg in args)
        {
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
            else
            {
                forwarded.Add(arg);
            }
        }

        var filtered = forwarded.Any(IsFilterOption);
        if (!filtered)
        {
            forwarded.AddRange(["--filter", "*"]);
        }

        return new RunOptions(ci, forwarded.Any(IsJobOption), forwarded) { Gate = gate, Record = record, Filtered = filtered };
    }

    private static bool IsFilterOption(string arg) =>
        arg is "--filter" or "-f" || arg.StartsWith("--filter=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("-f=", StringComparison.Ordinal);

    // BenchmarkDotNet's job option: "--job dry", "-j dry", "--job=dry".
    private static bool IsJobOption(string arg) =>
        arg is "--job" or "-j" || arg.StartsWith("--job=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("-j=", StringComparison.Ordinal);
}
