using System.Text.Json;
using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

/// <summary>An accepted verdict (the accept label, docs/github.md) passes and says who accepted what and by how much.</summary>
public sealed class AcceptanceRenderingTests
{
    [Fact]
    public void Accepting_a_failing_verdict_passes_it_and_keeps_what_failed()
    {
        var failing = SampleVerdicts.Fixed();
        failing.Passed.ShouldBeFalse();

        var accepted = Acceptance.Apply(failing, "maintainer", "perfgate: accept", 12);

        accepted.Passed.ShouldBeTrue();
        var a = accepted.Acceptance.ShouldNotBeNull();
        a.Failing.ShouldBe(failing.Benchmarks.Count(b => b.Fails) + failing.Metrics.Count(m => m.Fails));
        a.Regressions.ShouldBe(failing.Benchmarks.Count(b => b.Fails && b.Kind == ChangeKind.Regression));
        var worst = failing.Benchmarks.Where(b => b.Fails && b.Kind == ChangeKind.Regression).MaxBy(b => b.ChangePercent)!;
        a.WorstPercent.ShouldBe(worst.ChangePercent);
        a.Worst.ShouldBe(worst.DisplayName);
        accepted.Benchmarks.ShouldBe(failing.Benchmarks);
    }

    [Fact]
    public void A_passing_verdict_is_left_as_it_is()
    {
        var passing = SampleVerdicts.Passing();

        Acceptance.Apply(passing, "maintainer", "perfgate: accept", 12).ShouldBeSameAs(passing);
    }

    [Fact]
    public void The_headline_names_who_accepted_how_many_and_the_worst_change()
    {
        var accepted = Acceptance.Apply(SampleVerdicts.Fixed(), "maintainer", "perfgate: accept", 12);
        var worst = Units.SignedPercent(accepted.Acceptance!.WorstPercent);
        var n = accepted.Acceptance.Regressions;
        var what = n == 1 ? "1 regression" : n + " regressions";

        MarkdownReport.VerdictLine(accepted).ShouldStartWith($"✅ **PerfGate: accepted by @maintainer: {what}");
        MarkdownReport.VerdictLine(accepted).ShouldContain(", worst " + worst + "**");
        TerminalReport.Headline(accepted).ShouldStartWith($"accepted by @maintainer: {what}");
        TerminalReport.Render(accepted).ShouldStartWith("PerfGate: PASS - accepted by @maintainer: ");
    }

    [Fact]
    public void The_json_verdict_records_the_acceptance_and_null_without_one()
    {
        var accepted = Acceptance.Apply(SampleVerdicts.Fixed(), "maintainer", "perfgate: accept", 12);

        using var doc = JsonDocument.Parse(JsonVerdictWriter.ToJson(accepted));
        doc.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        var a = doc.RootElement.GetProperty("acceptance");
        a.GetProperty("by").GetString().ShouldBe("maintainer");
        a.GetProperty("label").GetString().ShouldBe("perfgate: accept");
        a.GetProperty("pullRequest").GetInt32().ShouldBe(12);
        a.GetProperty("worstPercent").GetDouble().ShouldBe(accepted.Acceptance!.WorstPercent!.Value);

        using var plain = JsonDocument.Parse(JsonVerdictWriter.ToJson(SampleVerdicts.Fixed()));
        plain.RootElement.GetProperty("acceptance").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
