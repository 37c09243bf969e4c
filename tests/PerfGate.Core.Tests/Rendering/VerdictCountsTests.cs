using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

/// <summary>The count line names each benchmark once, under the status its row shows.</summary>
public sealed class VerdictCountsTests
{
    [Fact]
    public void A_failing_benchmark_whose_test_was_short_of_power_counts_as_slower_not_also_as_too_noisy()
    {
        var verdict = SampleVerdicts.Fixed();
        var failing = verdict.Benchmarks.First(b => b.Kind == ChangeKind.Regression && b.Fails);
        var shortOfPower = verdict with { Benchmarks = verdict.Benchmarks.Replace(failing, failing with { TooNoisy = true }) };

        var counts = VerdictHeadline.Counts(shortOfPower, " · ");

        counts.ShouldBe(VerdictHeadline.Counts(verdict, " · "));
        counts.ShouldContain("1 slower");
        counts.ShouldContain("1 too noisy");
    }
}
