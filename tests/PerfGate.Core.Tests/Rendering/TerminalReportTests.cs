using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.Rendering;

public sealed class TerminalReportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("ru-RU")]
    public void Fixed_verdict_matches_the_golden_file(string culture)
    {
        using var _ = new CultureScope(culture);
        Snapshot.Match("fixed-verdict.txt", TerminalReport.Render(SampleVerdicts.Fixed(), width: 100));
    }

    [Fact]
    public void Lines_fit_the_width_and_failing_rows_shout()
    {
        var text = TerminalReport.Render(SampleVerdicts.Fixed(), width: 80);
        text.ShouldStartWith("PerfGate: FAIL - 1 regression and 1 benchmark fail this build");
        text.Split('\n').Where(l => l.StartsWith("Rules.", StringComparison.Ordinal) || l.StartsWith("Validation", StringComparison.Ordinal))
            .ShouldAllBe(l => l.Length <= 80);
        text.ShouldContain("FAILS");
        text.ShouldNotContain("❌");
    }
}
