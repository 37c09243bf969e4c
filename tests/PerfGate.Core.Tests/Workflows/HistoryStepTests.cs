using System.Diagnostics;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.Workflows;

/// <summary>
/// The history steps exactly as the workflow files hold them, run with bash in a scratch git repository whose
/// <c>origin</c> is a bare repository on disk (or a path that is no repository: a fetch that fails). Review findings:
/// perf-main.yml took a failed fetch for a first run (and then force-pushed a one-run history), and the PR gate's
/// download discarded stderr and went on as "no history yet".
/// </summary>
public sealed class HistoryStepTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "perfgate-steps-" + Guid.NewGuid().ToString("N"));

    public HistoryStepTests()
    {
        Directory.CreateDirectory(_dir);
        Exec("git", _dir, ["init", "--quiet", "--bare", "remote.git"]).Code.ShouldBe(0);
        Exec("git", _dir, ["init", "--quiet", "work"]).Code.ShouldBe(0);
        Directory.CreateDirectory(Path.Combine(Work, "scripts"));
        File.Copy(Path.Combine(RepoPaths.Root, "scripts", "perfgate-history.sh"), Path.Combine(Work, "scripts", "perfgate-history.sh"));
    }

    private string Work => Path.Combine(_dir, "work");

    public static TheoryData<string> Steps => new() { "perf-main.yml/record", "action.yml" };

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_fetch_that_fails_fails_the_step_and_says_why(string where)
    {
        Exec("git", Work, ["remote", "add", "origin", Path.Combine(_dir, "no-such-remote.git")]).Code.ShouldBe(0);

        var result = RunStep(where);

        result.Code.ShouldNotBe(0, result.ToString());
        result.Error.ShouldContain("::error");
        result.Error.ShouldContain("no-such-remote.git", customMessage: "git's own message is shown, not discarded");
        result.Out.ShouldNotContain("first run");
        result.Out.ShouldNotContain("no history yet");
        File.Exists(Path.Combine(Work, ".perfgate", "history.db.fetched")).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void An_absent_branch_is_a_first_run(string where)
    {
        Exec("git", Work, ["remote", "add", "origin", Path.Combine(_dir, "remote.git")]).Code.ShouldBe(0);

        var result = RunStep(where);

        result.Code.ShouldBe(0, result.ToString());
        result.Out.ShouldContain("first run");
        File.Exists(Path.Combine(Work, ".perfgate", "history.db")).ShouldBeFalse();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder: best effort.
        }
    }

    /// <summary>Runs the history step of <paramref name="where"/> (file/job, or action.yml) with its env, as the runner would.</summary>
    private Result RunStep(string where)
    {
        var (steps, home) = where == "action.yml"
            ? (WorkflowFile.LoadAction().Steps.Select(s => s.Step), RepoPaths.Root)
            : (WorkflowFile.Load(where.Split('/')[0]).Steps.Where(s => s.Job == where.Split('/')[1]).Select(s => s.Step), Work);
        var name = where == "action.yml" ? "Restore main's history (read-only)" : "Fetch the history";
        var step = steps.Single(s => s.GetValueOrDefault("name") as string == name);
        var script = Path.Combine(_dir, "step.sh");
        File.WriteAllText(script, (string)step["run"]);
        var env = new Dictionary<string, string>
        {
            ["TOKEN"] = "not-a-real-token",
            ["SERVER_URL"] = "https://github.invalid",
            ["PERFGATE_HOME"] = home,
            ["PERFGATE_HISTORY_BRANCH"] = "perfgate-history",
        };
        return Exec("bash", Work, ["--noprofile", "--norc", "-eo", "pipefail", script], env);   // as GitHub runs `shell: bash`
    }

    private static Result Exec(string file, string directory, string[] args, Dictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal) || k.StartsWith("PERFGATE", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (key, value) in env ?? [])
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"{file} {string.Join(' ', args)} hung");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private sealed record Result(int Code, string Out, string Error)
    {
        public override string ToString() => $"exit {Code}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
    }
}
