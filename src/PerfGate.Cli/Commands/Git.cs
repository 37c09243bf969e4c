using System.Diagnostics;

namespace PerfGate.Cli.Commands;

/// <summary>Asks git for the commit and branch of the working directory; null when git or a repository is not there.</summary>
internal static class Git
{
    public static string? Head(string directory) => Run(directory, "rev-parse HEAD");

    public static string? Branch(string directory) => Run(directory, "rev-parse --abbrev-ref HEAD") is { } b && b != "HEAD" ? b : null;

    private static string? Run(string directory, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
