using System.Diagnostics;
using PerfGate.Cli.Commands;

namespace PerfGate.Cli.Tests;

/// <summary>
/// The shortcuts that keep a command's start cheap (docs/performance.md) give the same answers as the slow way: only the
/// invoked verb is built, and HEAD is read from the repository's files instead of asking git.
/// </summary>
public sealed class StartupPathTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "perfgate-git-" + Guid.NewGuid().ToString("N"));

    public StartupPathTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void Every_verb_is_listed_under_the_name_its_command_has()
    {
        using var cli = new CliRunner();
        var env = cli.Environment(TextWriter.Null, TextWriter.Null);
        foreach (var (name, create) in PerfGateApp.Verbs)
        {
            create(env).Name.ShouldBe(name);
        }

        var (code, output, _) = cli.Run("--help");
        code.ShouldBe(0);
        foreach (var (name, _) in PerfGateApp.Verbs)
        {
            output.ShouldContain(name);
        }
    }

    [Fact]
    public void A_verb_still_gets_its_own_help_and_an_unknown_verb_is_a_usage_error()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("status", "--help");
        code.ShouldBe(0);
        output.ShouldContain("--history");

        var (bad, _, error) = cli.Run("stauts");
        bad.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("stauts");
    }

    [Fact]
    public void Head_read_from_the_files_matches_git_on_a_branch_in_packed_refs_detached_and_in_a_worktree()
    {
        var repo = Path.Combine(_dir, "repo");
        Directory.CreateDirectory(repo);
        GitCommand(repo, "init", "-q", "-b", "feature/x");
        GitCommand(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "one");
        var sub = Path.Combine(repo, "src", "deep");
        Directory.CreateDirectory(sub);

        Git.ReadHead(sub).ShouldBe((GitCommand(repo, "rev-parse", "HEAD"), "feature/x"));

        GitCommand(repo, "pack-refs", "--all");
        File.Exists(Path.Combine(repo, ".git", "refs", "heads", "feature", "x")).ShouldBeFalse();
        Git.ReadHead(repo).ShouldBe((GitCommand(repo, "rev-parse", "HEAD"), "feature/x"));

        var worktree = Path.Combine(_dir, "wt");
        GitCommand(repo, "worktree", "add", "-q", "-b", "other", worktree);
        GitCommand(worktree, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "two");
        Git.ReadHead(worktree).ShouldBe((GitCommand(worktree, "rev-parse", "HEAD"), "other"));
        Git.Head(worktree).ShouldNotBe(Git.Head(repo));

        GitCommand(repo, "checkout", "-q", "--detach");
        Git.ReadHead(repo).ShouldBe((GitCommand(repo, "rev-parse", "HEAD"), null));
        Git.Branch(repo).ShouldBeNull();
    }

    [Fact]
    public void Outside_a_repository_there_is_no_head()
    {
        Git.ReadHead(_dir).ShouldBeNull();
    }

    private static string GitCommand(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
