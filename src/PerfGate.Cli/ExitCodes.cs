namespace PerfGate.Cli;

/// <summary>The process exit codes: CI reads these, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>The gate passed (warnings allowed), or a command succeeded.</summary>
    public const int Pass = 0;

    /// <summary>At least one failing regression or broken error budget.</summary>
    public const int Regression = 1;

    /// <summary>Bad input or usage: the message names the file and the problem.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected error inside perfgate (a bug, not a verdict and not bad input): one stderr line, the stack with --verbose.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl+C or SIGTERM) before a verdict: 128 + SIGINT, as shells report it. Only <c>perfgate ab</c>, which runs for minutes, returns it.</summary>
    public const int Interrupted = 130;
}
