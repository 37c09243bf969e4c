using PerfGate.Core.GitHub;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.GitHub;

public sealed class WorkflowCommandsTests
{
    [Fact]
    public void Data_escapes_percent_and_line_breaks() =>
        WorkflowCommands.EscapeData("100% done\r\nnext: a,b").ShouldBe("100%25 done%0D%0Anext: a,b");

    [Fact]
    public void Properties_also_escape_colon_and_comma() =>
        WorkflowCommands.EscapeProperty("Foo(a: 1, b: 2)\n%").ShouldBe("Foo(a%3A 1%2C b%3A 2)%0A%25");

    [Fact]
    public void Error_with_title()
    {
        WorkflowCommands.Error("slower by 34%", "PerfGate: A.B(x: 1)").ShouldBe("::error title=PerfGate%3A A.B(x%3A 1)::slower by 34%25");
        WorkflowCommands.Warning("w").ShouldBe("::warning::w");
    }

    [Fact]
    public void Add_mask_masks_the_token() =>
        WorkflowCommands.AddMask(new GitHubToken("ghs_FAKEtoken1234567890")).ShouldBe("::add-mask::ghs_FAKEtoken1234567890");

    [Fact]
    public void Annotations_for_the_fixed_verdict_are_errors_then_warnings()
    {
        var lines = WorkflowCommands.Annotations(SampleVerdicts.Fixed());

        lines.Count.ShouldBe(3);
        lines[0].ShouldStartWith("::error title=PerfGate%3A Import.FromJson::Import.FromJson failed to run");
        lines[1].ShouldBe("::error title=PerfGate%3A Validation.ValidateDefinition(Rules%3A 45)::Validation.ValidateDefinition(Rules: 45) +34.2%25, 95%25 CI +28%25 … +40%25 (41.3 μs → 55.4 μs): 34.2%25 slower than the baseline (95%25 CI +28.1%25 to +40.3%25), above the 20%25 fail threshold.");
        lines[2].ShouldStartWith("::warning title=PerfGate%3A SVC-002::SVC-002 Prompt tokens +12.8%25: ");
        lines.ShouldAllBe(l => !l.Contains('\n'));
    }

    [Fact]
    public void Annotations_are_capped_per_level()
    {
        var lines = WorkflowCommands.Annotations(SampleVerdicts.Large(5_000));

        lines.Count.ShouldBe(WorkflowCommands.MaxAnnotationsPerLevel);
        lines[^1].ShouldBe("::error title=PerfGate::41 more errors; see the job summary for the full report");
    }

    [Fact]
    public void Writer_puts_one_command_per_line()
    {
        using var output = new StringWriter();
        WorkflowCommands.WriteAnnotations(new Verdict { Passed = true, Thresholds = SampleVerdicts.Thresholds }, output);
        output.ToString().ShouldBeEmpty();
    }
}
