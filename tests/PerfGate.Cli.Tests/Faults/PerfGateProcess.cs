using System.Diagnostics;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// Runs the real <c>dotnet perfgate.dll</c> as a child process with a clean, chosen environment. With
/// <c>PERFGATE_TEST_EXECUTABLE=/path/to/perfgate</c> in the test run's environment, that executable runs instead: the
/// Native AOT binary (scripts/publish-native.sh), so these process tests can check it too.
/// </summary>
internal static class PerfGateProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "perfgate.dll");

    /// <summary>The native executable to test instead of <see cref="Dll"/>, if one was given.</summary>
    public static string? Executable => Environment.GetEnvironmentVariable("PERFGATE_TEST_EXECUTABLE") is { Length: > 0 } path ? path : null;

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? variables, string workingDirectory)
    {
        var info = new ProcessStartInfo(Executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (Executable is null)
        {
            info.ArgumentList.Add(Dll);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // The test process may itself run in GitHub Actions: nothing of that may leak into the child.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("PERFGATE_", StringComparison.Ordinal)
                || key.StartsWith("RUNNER_", StringComparison.Ordinal) || key == "CI")
            {
                info.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in variables ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs to the end; a process still running after <paramref name="timeout"/> is killed and the test fails (a hang).</summary>
    public static ProcessResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? variables, string workingDirectory, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(args, variables, workingDirectory))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new ShouldAssertException($"perfgate hung: still running after {limit.TotalSeconds} s. stderr so far: {error.Result}");
        }

        process.WaitForExit();
        watch.Stop();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }
}

internal sealed record ProcessResult(int Code, string Out, string Error, TimeSpan Elapsed)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Code} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
