namespace PerfGate.Benchmarks.Progress;

/// <summary>How the main job shows a run of BenchmarkDotNet.</summary>
public enum ProgressMode
{
    /// <summary>A terminal: one live line (benchmark i of N, its name, launch, elapsed, time left), then the verdict.</summary>
    Live,

    /// <summary>CI or a pipe: one plain line per benchmark finished.</summary>
    Plain,

    /// <summary><c>--verbose</c>, <c>--list</c>, <c>--help</c>...: BenchmarkDotNet's own console log, as it writes it.</summary>
    Verbose,
}

/// <summary>Which <see cref="ProgressMode"/> a run gets.</summary>
public static class ProgressModes
{
    /// <summary>BenchmarkDotNet options whose whole point is console output: they keep BenchmarkDotNet's logger.</summary>
    private static readonly string[] ConsoleOptions = ["--list", "--help", "-h", "-?", "--info", "--version"];

    /// <summary>
    /// <paramref name="verbose"/> or a console option: <see cref="ProgressMode.Verbose"/>; output redirected or a CI
    /// variable set (<c>CI</c>, <c>GITHUB_ACTIONS</c>, <c>TF_BUILD</c>; any value but <c>false</c>/<c>0</c>):
    /// <see cref="ProgressMode.Plain"/>; otherwise <see cref="ProgressMode.Live"/>.
    /// </summary>
    public static ProgressMode Choose(bool verbose, IReadOnlyList<string> benchmarkDotNetArguments, bool outputRedirected, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(benchmarkDotNetArguments);
        ArgumentNullException.ThrowIfNull(variable);
        if (verbose || benchmarkDotNetArguments.Any(a => ConsoleOptions.Any(o => a.StartsWith(o, StringComparison.OrdinalIgnoreCase))))
        {
            return ProgressMode.Verbose;
        }

        return outputRedirected || IsCi(variable) ? ProgressMode.Plain : ProgressMode.Live;
    }

    public static bool IsCi(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new[] { "CI", "GITHUB_ACTIONS", "TF_BUILD" }
            .Select(variable)
            .Any(v => !string.IsNullOrWhiteSpace(v) && !v.Trim().Equals("false", StringComparison.OrdinalIgnoreCase) && v.Trim() != "0");
    }
}
