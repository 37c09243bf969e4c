using System.ComponentModel;
using System.Diagnostics;

namespace PerfGate.Cli.Ab;

/// <summary>
/// Runs one side of one A/B round: a command line through the shell (<c>/bin/sh -c</c>, or <c>cmd /c</c> on Windows)
/// in the working directory, with the environment's variables laid over the inherited ones; stdout and stderr go to a
/// log file line by line and each stdout line to <c>onLine</c>. Cancelled, it kills the whole process tree.
/// </summary>
internal static class ChildProcess
{
    public static async Task<int> RunAsync(string commandLine, CliEnvironment env, string logPath, Action<string> onLine, CancellationToken cancellation)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { Arguments = "/d /s /c \"" + commandLine + "\"" }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", commandLine } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.WorkingDirectory = env.WorkingDirectory;
        foreach (var (name, value) in env.Variables)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var gate = new object();
        var closed = false;
        using var log = new StreamWriter(logPath) { AutoFlush = true };
        void Write(string? line, bool stdout)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                if (closed)
                {
                    return;
                }

                log.WriteLine(line);
            }

            if (stdout)
            {
                onLine(line);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => Write(e.Data, stdout: false);
        cancellation.ThrowIfCancellationRequested();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
            process.WaitForExit(); // the last output lines
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        finally
        {
            lock (gate)
            {
                closed = true;
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (Win32Exception)
        {
            // already exiting, or not ours to kill any more
        }
    }

    /// <summary>One argument quoted for the shell that <see cref="RunAsync"/> uses.</summary>
    public static string Quote(string argument) => OperatingSystem.IsWindows()
        ? "\"" + argument.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
