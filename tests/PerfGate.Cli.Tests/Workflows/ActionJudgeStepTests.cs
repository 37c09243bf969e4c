using System.Diagnostics;
using PerfGate.Cli.Tests.Ab;
using PerfGate.Cli.Tests.Faults;
using YamlDotNet.Serialization;

namespace PerfGate.Cli.Tests.Workflows;

/// <summary>
/// The judge step of action.yml, run with bash as the runner runs it (its env filled in as the runner would fill the
/// <c>${{ inputs.* }}</c>), against real A/B folders and the real perfgate: the threshold inputs reach the gate, bad
/// inputs fail with exit 2 and an ::error:: line, the reports and the step output are written.
/// </summary>
public sealed class ActionJudgeStepTests : IDisposable
{
    private readonly CliRunner _cli = new();

    private readonly Dictionary<object, object> _step;

    public ActionJudgeStepTests()
    {
        var action = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml")));
        var steps = (List<object>)((Dictionary<object, object>)action["runs"])["steps"];
        _step = steps.Cast<Dictionary<object, object>>().Single(s => s.GetValueOrDefault("id") as string == "judge");
        File.WriteAllText(_cli.Path("perfgate"), $"#!/bin/sh\nexec dotnet '{PerfGateProcess.Dll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_cli.Path("perfgate"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void The_step_maps_each_variable_to_its_input()
    {
        var env = (Dictionary<object, object>)_step["env"];
        env.ShouldContainKeyAndValue("AB_DIR", "${{ inputs.ab-dir }}");
        env.ShouldContainKeyAndValue("CONFIG", "${{ inputs.config }}");
        env.ShouldContainKeyAndValue("BASELINE", "${{ inputs.baseline }}");
        env.ShouldContainKeyAndValue("WARNING_THRESHOLD", "${{ inputs.warning-threshold }}");
        env.ShouldContainKeyAndValue("FAIL_THRESHOLD", "${{ inputs.fail-threshold }}");
        env.ShouldContainKeyAndValue("COMMENT", "${{ inputs.comment }}");
        env.ShouldContainKeyAndValue("STATUS_CONTEXT", "${{ inputs.status-context }}");
        env.ShouldContainKeyAndValue("ACCEPT_LABEL", "${{ inputs.accept-label }}");
        env.ShouldContainKeyAndValue("GITHUB_TOKEN", "${{ inputs.token }}");
    }

    [Fact]
    public void The_fail_threshold_input_decides_the_gate()
    {
        AbLayout.Write(_cli.Path("ab"), rounds: 5, headFactor: 1.6);

        var lenient = Judge(new() { ["FAIL_THRESHOLD"] = "200", ["WARNING_THRESHOLD"] = "150" });
        lenient.Code.ShouldBe(0, lenient.ToString());
        Output().ShouldContain("passed=true");
        File.ReadAllText(_cli.Path("perfgate-comment.md")).ShouldStartWith("<!-- perfgate:report -->");
        File.Exists(_cli.Path("perfgate-report.md")).ShouldBeTrue();
        File.Exists(_cli.Path("perfgate-verdict.json")).ShouldBeTrue();

        var strict = Judge(new() { ["FAIL_THRESHOLD"] = "20", ["WARNING_THRESHOLD"] = "10" });
        strict.Code.ShouldBe(1, strict.ToString());
        Output().ShouldEndWith("passed=false\n");
    }

    [Theory]
    [InlineData("abc", "", "fail-threshold 'abc' is not a percentage")]
    [InlineData("", "1e3", "warning-threshold '1e3' is not a percentage")]
    [InlineData("20\"}, \"x\": {", "", "is not a percentage")]
    public void A_threshold_that_is_not_a_number_fails_with_exit_2(string fail, string warning, string message)
    {
        AbLayout.Write(_cli.Path("ab"), rounds: 3);

        var result = Judge(new() { ["FAIL_THRESHOLD"] = fail, ["WARNING_THRESHOLD"] = warning });

        result.Code.ShouldBe(2, result.ToString());
        result.Out.ShouldContain("::error title=perfgate::");
        result.Out.ShouldContain(message);
    }

    [Fact]
    public void Thresholds_beside_a_config_file_fail_with_exit_2_naming_the_keys()
    {
        AbLayout.Write(_cli.Path("ab"), rounds: 3);
        File.WriteAllText(_cli.Path("perfgate.json"), "{}");

        var result = Judge(new() { ["CONFIG"] = "perfgate.json", ["FAIL_THRESHOLD"] = "20" });

        result.Code.ShouldBe(2, result.ToString());
        result.Out.ShouldContain("go in perfgate.json (thresholds.warningPercent, thresholds.failPercent)");
    }

    [Fact]
    public void Thresholds_beside_the_repositorys_own_perfgate_json_fail_rather_than_replace_its_targets()
    {
        AbLayout.Write(_cli.Path("ab"), rounds: 3);
        File.WriteAllText(_cli.Path("perfgate.json"), "{}");

        var result = Judge(new() { ["WARNING_THRESHOLD"] = "5" });

        result.Code.ShouldBe(2, result.ToString());
        result.Out.ShouldContain("go in perfgate.json (thresholds.warningPercent");
    }

    [Fact]
    public void An_invalid_threshold_pair_is_refused_by_perfgate_naming_the_generated_config()
    {
        AbLayout.Write(_cli.Path("ab"), rounds: 3);

        var result = Judge(new() { ["FAIL_THRESHOLD"] = "5", ["WARNING_THRESHOLD"] = "50" });

        result.Code.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("perfgate-thresholds.json");
    }

    public void Dispose() => _cli.Dispose();

    private string Output() => File.ReadAllText(_cli.Path("github-output"));

    private ProcessResult Judge(Dictionary<string, string> inputs)
    {
        var script = _cli.Path("judge.sh");
        File.WriteAllText(script, (string)_step["run"]);
        File.WriteAllText(_cli.Path("github-output"), "");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _cli.Directory };
        foreach (var a in new[] { "--noprofile", "--norc", "-eo", "pipefail", script })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("PERFGATE", StringComparison.Ordinal) || k == "CI").ToList())
        {
            info.Environment.Remove(key);
        }

        // The action's defaults, then the test's inputs; PERFGATE and RUNNER_TEMP as the install step and the runner set them.
        info.Environment["AB_DIR"] = "ab";
        info.Environment["CONFIG"] = info.Environment["BASELINE"] = info.Environment["WARNING_THRESHOLD"] = info.Environment["FAIL_THRESHOLD"] = "";
        info.Environment["COMMENT"] = "false";
        info.Environment["STATUS_CONTEXT"] = "perfgate"; // the action's defaults
        info.Environment["ACCEPT_LABEL"] = "perfgate: accept";
        info.Environment["GITHUB_TOKEN"] = "";
        info.Environment["PERFGATE"] = _cli.Path("perfgate");
        info.Environment["RUNNER_TEMP"] = _cli.Directory;
        info.Environment["GITHUB_OUTPUT"] = _cli.Path("github-output");
        foreach (var (key, value) in inputs)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException("the judge step hung");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }
}
