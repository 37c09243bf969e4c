using System.Diagnostics;
using PerfGate.Cli.Tests.Faults;

namespace PerfGate.Cli.Tests.Workflows;

/// <summary>
/// scripts/perfgate-history.sh, run for real: a bare git repository on disk is the "remote", the histories are real
/// SQLite files recorded by <c>perfgate check --record</c>, and prune is the real <c>perfgate history prune</c>.
/// The review's defect: a failed fetch was taken for a first run and a one-run history force-pushed over the real one.
/// </summary>
public sealed class HistoryBranchScriptTests : IDisposable
{
    private const string Branch = "perfgate-history";

    private static readonly string Script = Path.Combine(RepoPaths.Root, "scripts", "perfgate-history.sh");

    private readonly CliRunner _cli = new();

    public HistoryBranchScriptTests()
    {
        Git(_cli.Directory, "init", "--quiet", "--bare", Remote);
        Git(_cli.Directory, "init", "--quiet", Work);
        Git(Work, "remote", "add", "origin", Remote);
    }

    private string Remote => _cli.Path("remote.git");

    private string Work => _cli.Path("work");

    private string Db => Path.Combine(Work, ".perfgate", "history.db");

    [Fact]
    public void An_absent_branch_is_a_first_run_and_the_next_push_keeps_the_previous_version_as_parent()
    {
        var first = Sh("fetch", Db);
        first.Code.ShouldBe(0, first.ToString());
        first.Out.ShouldContain("first run");
        File.Exists(Db).ShouldBeFalse();

        Record(Db);
        var push = Sh("push", Db, "aaaa1111");
        push.Code.ShouldBe(0, push.ToString());
        RemoteRuns($"refs/heads/{Branch}").ShouldBe(1);
        Git(Remote, "rev-list", "--count", Branch).Trim().ShouldBe("1", "the first version has no parent");

        File.Delete(Db);
        var second = Sh("fetch", Db);
        second.Code.ShouldBe(0, second.ToString());
        second.Out.ShouldContain("1 run(s)");
        Record(Db);
        Sh("push", Db, "bbbb2222").Code.ShouldBe(0);

        RemoteRuns($"refs/heads/{Branch}").ShouldBe(2);
        RemoteRuns($"refs/heads/{Branch}^").ShouldBe(1, "the parent commit is the previous version, to go back to");
        Git(Remote, "rev-list", "--count", Branch).Trim().ShouldBe("2", "two versions at most: the chain does not grow");

        File.Delete(Db);
        Sh("fetch", Db).Code.ShouldBe(0);
        Record(Db);
        Sh("push", Db, "cccc3333").Code.ShouldBe(0);
        RemoteRuns($"refs/heads/{Branch}").ShouldBe(3);
        RemoteRuns($"refs/heads/{Branch}^").ShouldBe(2);
        Git(Remote, "rev-list", "--count", Branch).Trim().ShouldBe("2");
    }

    [Fact]
    public void A_failed_fetch_is_not_a_first_run_and_nothing_can_be_pushed_after_it()
    {
        Seed(runs: 2);
        var good = Git(Remote, "rev-parse", Branch).Trim();
        File.Delete(Db);
        File.Delete(Db + ".fetched");

        // The remote cannot be read (here: a path that is not a repository; in CI: network, auth, rate limit).
        var fetch = Sh(new Dictionary<string, string?> { ["PERFGATE_REMOTE"] = _cli.Path("no-such-remote.git") }, "fetch", Db);

        fetch.Code.ShouldBe(1, fetch.ToString());
        fetch.Error.ShouldContain("::error");
        fetch.Error.ShouldContain("not treating this as a first run");
        fetch.Out.ShouldNotContain("first run");
        File.Exists(Db + ".fetched").ShouldBeFalse();

        // The workflow records into a new file anyway (as it did before the fix): the push refuses without a fetch.
        Record(Db);
        var push = Sh("push", Db, "dddd4444");
        push.Code.ShouldBe(1, push.ToString());
        push.Error.ShouldContain("fetch");
        Git(Remote, "rev-parse", Branch).Trim().ShouldBe(good);
        RemoteRuns($"refs/heads/{Branch}").ShouldBe(2);
    }

    [Fact]
    public void A_shrunken_or_empty_history_is_never_pushed()
    {
        Seed(runs: 2);
        var good = Git(Remote, "rev-parse", Branch).Trim();
        File.Delete(Db);
        Sh("fetch", Db).Code.ShouldBe(0);

        // A history with fewer runs than fetched (e.g. a new file started by mistake) ...
        var fresh = _cli.Path("fresh.db");
        Record(fresh);
        File.Copy(fresh, Db, overwrite: true);
        var shrunken = Sh("push", Db, "eeee5555");
        shrunken.Code.ShouldBe(1, shrunken.ToString());
        shrunken.Error.ShouldContain("holds 1 run(s), fewer than the 2 fetched");

        // ... or with none at all.
        Sqlite(Db, "DELETE FROM result_samples; DELETE FROM results; DELETE FROM alerts; DELETE FROM runs;");
        var empty = Sh("push", Db, "eeee5555");
        empty.Code.ShouldBe(1, empty.ToString());
        empty.Error.ShouldContain("no run");

        File.WriteAllText(Db, "");
        Sh("push", Db, "eeee5555").Code.ShouldBe(1);

        Git(Remote, "rev-parse", Branch).Trim().ShouldBe(good);
    }

    [Fact]
    public void A_concurrent_writer_is_not_overwritten()
    {
        Seed(runs: 1);
        File.Delete(Db);
        Sh("fetch", Db).Code.ShouldBe(0);
        Record(Db);

        // Another writer pushes first (its own fetch, record, push), from another clone.
        var other = _cli.Path("other");
        Git(_cli.Directory, "clone", "--quiet", Remote, other);
        var otherDb = Path.Combine(other, ".perfgate", "history.db");
        Sh(other, [], "fetch", otherDb).Code.ShouldBe(0);
        Record(otherDb);
        Sh(other, [], "push", otherDb, "ffff6666").Code.ShouldBe(0);
        var theirs = Git(Remote, "rev-parse", Branch).Trim();

        var ours = Sh("push", Db, "abab7777");

        ours.Code.ShouldBe(1, ours.ToString());
        ours.Error.ShouldContain("nothing was overwritten");
        Git(Remote, "rev-parse", Branch).Trim().ShouldBe(theirs);
    }

    [Fact]
    public void The_first_push_does_not_overwrite_a_branch_created_meanwhile()
    {
        Sh("fetch", Db).Out.ShouldContain("first run");
        Record(Db);
        var other = _cli.Path("other");
        Git(_cli.Directory, "clone", "--quiet", Remote, other);
        var otherDb = Path.Combine(other, ".perfgate", "history.db");
        Sh(other, [], "fetch", otherDb).Code.ShouldBe(0);
        Record(otherDb);
        Record(otherDb);
        Sh(other, [], "push", otherDb, "ffff6666").Code.ShouldBe(0);

        Sh("push", Db, "abab7777").Code.ShouldBe(1);
        RemoteRuns($"refs/heads/{Branch}").ShouldBe(2);
    }

    [Fact]
    public void A_branch_without_a_history_file_fails_loudly()
    {
        var tree = Git(Work, ["mktree"], input: "").Trim();
        var commit = Git(Work, "commit-tree", tree, "-m", "not a history").Trim();
        Git(Work, "push", "--quiet", "origin", $"{commit}:refs/heads/{Branch}");

        var fetch = Sh("fetch", Db);

        fetch.Code.ShouldBe(1, fetch.ToString());
        fetch.Error.ShouldContain("has no history.db");
    }

    [Fact]
    public void The_push_prunes_with_perfgate_and_warns_in_the_job_summary_above_the_size_limit()
    {
        Sh("fetch", Db).Code.ShouldBe(0);
        var old = DateTimeOffset.UtcNow.AddDays(-60);
        Record(Db, at: old, results: _cli.SlowedCopy(CliRunner.Run1, 1.0, "old-run", ranAt: old));
        Record(Db);
        var summary = _cli.Path("summary.md");
        var env = new Dictionary<string, string?>
        {
            ["PERFGATE"] = $"dotnet {PerfGateProcess.Dll}",
            ["PERFGATE_HISTORY_WARN_BYTES"] = "4096",
            ["GITHUB_STEP_SUMMARY"] = summary,
        };

        var push = Sh(env, "push", Db, "cdcd8888");

        push.Code.ShouldBe(0, push.ToString());
        push.Out.ShouldContain("perfgate: pruned 1 run(s)");
        RemoteRuns($"refs/heads/{Branch}").ShouldBe(1, "the 60-day-old run became a daily aggregate");
        push.Error.ShouldContain("::warning title=perfgate history size::");
        File.ReadAllText(summary).ShouldContain("above the 0 MB warning level; GitHub refuses files over 100 MB");

        // Under the level: no warning.
        File.Delete(summary);
        Sh("fetch", Db).Code.ShouldBe(0);
        Record(Db);
        var quiet = Sh(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary }, "push", Db, "cdcd9999");
        quiet.Code.ShouldBe(0, quiet.ToString());
        quiet.Error.ShouldNotContain("::warning");
        File.Exists(summary).ShouldBeFalse();
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>A branch holding a history of <paramref name="runs"/> runs, pushed by the script itself.</summary>
    private void Seed(int runs)
    {
        Sh("fetch", Db).Code.ShouldBe(0);
        for (var i = 0; i < runs; i++)
        {
            Record(Db);
        }

        Sh("push", Db, "5eed0000").Code.ShouldBe(0);
    }

    private void Record(string db, DateTimeOffset? at = null, string? results = null)
    {
        _cli.Clock.Now = at;
        var (code, _, error) = _cli.Run("check", "--results", results ?? CliRunner.Run1, "--history", db, "--record", "--branch", "main", "--commit", "abc123");
        code.ShouldBe(0, error);
        _cli.Clock.Now = null;
    }

    /// <summary>The number of runs in the history.db of a commit of the remote.</summary>
    private int RemoteRuns(string rev)
    {
        var copy = _cli.Path($"remote-{Guid.NewGuid():N}.db");
        var info = Start("git", Remote, ["show", $"{rev}:history.db"]);
        using (var process = Process.Start(info)!)
        using (var file = File.Create(copy))
        {
            process.StandardOutput.BaseStream.CopyTo(file);
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, $"git show {rev}:history.db");
        }

        return int.Parse(Sqlite(copy, "SELECT COUNT(*) FROM runs;").Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Sqlite(string db, string sql)
    {
        var result = Exec("sqlite3", _cli.Directory, [db, sql]);
        result.Code.ShouldBe(0, result.ToString());
        return result.Out;
    }

    private ProcessResult Sh(params string[] args) => Sh(Work, [], args);

    private ProcessResult Sh(Dictionary<string, string?> env, params string[] args) => Sh(Work, env, args);

    private static ProcessResult Sh(string directory, Dictionary<string, string?> env, params string[] args) =>
        Exec("bash", directory, [Script, .. args], env);

    private static string Git(string directory, params string[] args) => Git(directory, args, input: null);

    private static string Git(string directory, string[] args, string? input)
    {
        var result = Exec("git", directory, args, input: input);
        result.Code.ShouldBe(0, $"git {string.Join(' ', args)}\n{result}");
        return result.Out;
    }

    private static ProcessStartInfo Start(string file, string directory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("PERFGATE", StringComparison.Ordinal) || k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        // No user or system git configuration; a fixed identity for the commits.
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "perfgate-test";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "perfgate-test@example.invalid";
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static ProcessResult Exec(string file, string directory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, string? input = null)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(Start(file, directory, args, env))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"{file} {string.Join(' ', args)} hung");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }
}
