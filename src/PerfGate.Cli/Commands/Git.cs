using System.Diagnostics;

namespace PerfGate.Cli.Commands;

/// <summary>
/// The commit and branch of the working directory; null when git or a repository is not there. Read from the
/// repository's files (<c>.git/HEAD</c>, the ref it names, <c>packed-refs</c>; worktrees included) when they are in the
/// plain shape, which costs microseconds; otherwise git itself is asked (two process starts, tens of milliseconds).
/// </summary>
internal static class Git
{
    public static string? Head(string directory) => ReadHead(directory) is { } head ? head.Commit : Run(directory, "rev-parse HEAD");

    public static string? Branch(string directory) =>
        ReadHead(directory) is { } head ? head.Branch : Run(directory, "rev-parse --abbrev-ref HEAD") is { } b && b != "HEAD" ? b : null;

    /// <summary>HEAD as the files say it: the commit and the branch (null when detached); null when anything is unusual.</summary>
    internal static (string Commit, string? Branch)? ReadHead(string directory)
    {
        try
        {
            if (FindGitDirectory(directory) is not { } gitDir)
            {
                return null;
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            if (IsSha(head))
            {
                return (head, null);
            }

            if (!head.StartsWith("ref: refs/heads/", StringComparison.Ordinal))
            {
                return null;
            }

            var reference = head["ref: ".Length..];
            var commonDir = File.Exists(Path.Combine(gitDir, "commondir"))
                ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
                : gitDir;
            var commit = ReadRef(gitDir, reference) ?? ReadRef(commonDir, reference) ?? PackedRef(commonDir, reference);
            return commit is null ? null : (commit, reference["refs/heads/".Length..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FindGitDirectory(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return dotGit;
            }

            if (File.Exists(dotGit))
            {
                // A worktree or submodule: "gitdir: <path>".
                var text = File.ReadAllText(dotGit).Trim();
                return text.StartsWith("gitdir: ", StringComparison.Ordinal)
                    ? Path.GetFullPath(Path.Combine(dir.FullName, text["gitdir: ".Length..]))
                    : null;
            }
        }

        return null;
    }

    private static string? ReadRef(string gitDir, string reference)
    {
        var path = Path.Combine(gitDir, reference);
        return File.Exists(path) && File.ReadAllText(path).Trim() is var sha && IsSha(sha) ? sha : null;
    }

    private static string? PackedRef(string gitDir, string reference)
    {
        var path = Path.Combine(gitDir, "packed-refs");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space is 40 or 64 && line.AsSpan(space + 1).SequenceEqual(reference) && IsSha(line[..space]))
            {
                return line[..space];
            }
        }

        return null;
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);

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
