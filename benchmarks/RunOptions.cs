namespace PerfGate.Benchmarks;

/// <summary>
/// The command line split in two: what this program consumes (<c>--ci</c>) and everything else, which goes to
/// BenchmarkDotNet untouched (<c>--filter</c>, <c>--job</c>, <c>--list</c>, <c>--launchCount</c>, <c>--artifacts</c>, ...).
/// </summary>
public sealed record RunOptions(bool Ci, bool UserChoseJob, IReadOnlyList<string> BenchmarkDotNetArguments)
{
    public const string CiSwitch = "--ci";

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var ci = false;
        var forwarded = new List<string>(args.Count);
        foreach (var arg in args)
        {
            if (string.Equals(arg, CiSwitch, StringComparison.OrdinalIgnoreCase))
            {
                ci = true;
            }
            else
            {
                forwarded.Add(arg);
            }
        }

        return new RunOptions(ci, forwarded.Any(IsJobOption), forwarded);
    }

    // BenchmarkDotNet's job option: "--job dry", "-j dry", "--job=dry".
    private static bool IsJobOption(string arg) =>
        arg is "--job" or "-j" || arg.StartsWith("--job=", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("-j=", StringComparison.Ordinal);
}
