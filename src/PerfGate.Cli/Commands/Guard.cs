using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Commands;

/// <summary>
/// Runs a verb and turns bad input into exit code 2 with one clear line (a stack trace only with --verbose), and any
/// other exception into exit code 3, so CI can tell a bug in perfgate from a verdict and from bad input.
/// </summary>
internal static class Guard
{
    public static int Run(CliEnvironment env, bool verbose, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ResultsFormatException or HistoryException or UsageException or IOException or UnauthorizedAccessException)
        {
            env.Error.WriteLine($"perfgate: {e.Message}");
            if (verbose)
            {
                env.Error.WriteLine(e.ToString());
            }

            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            env.Error.WriteLine($"perfgate: internal error ({e.GetType().Name}: {e.Message}); this is a bug in perfgate, not a verdict{(verbose ? "" : " (--verbose shows the stack)")}");
            if (verbose)
            {
                env.Error.WriteLine(e.ToString());
            }

            return ExitCodes.InternalError;
        }
    }
}

/// <summary>A usage problem found after parsing (a combination of options that makes no sense).</summary>
internal sealed class UsageException(string message) : Exception(message);
