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
        catch (Exception e) when (MissingNativeLibrary(e) is { } missing)
        {
            // An installation problem, not a bug and not a verdict: the native build without the library beside it.
            env.Error.WriteLine($"perfgate: a native library perfgate needs could not be loaded ({FirstLine(missing.Message)}). " +
                                "The native perfgate needs libe_sqlite3 (SQLite) beside it, as scripts/publish-native.sh leaves them: keep the files of the folder together.");
            if (verbose)
            {
                env.Error.WriteLine(e.ToString());
            }

            return ExitCodes.InternalError;
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

    /// <summary>The <see cref="DllNotFoundException"/> in <paramref name="e"/>'s chain (a type initializer wraps it), or null.</summary>
    internal static DllNotFoundException? MissingNativeLibrary(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is DllNotFoundException missing)
            {
                return missing;
            }
        }

        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

/// <summary>A usage problem found after parsing (a combination of options that makes no sense).</summary>
internal sealed class UsageException(string message) : Exception(message);
