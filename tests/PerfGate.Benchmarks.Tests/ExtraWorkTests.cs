using System.Diagnostics;

namespace PerfGate.Benchmarks.Tests;

/// <summary>The two calibration knobs: parsing, and the CPU knob's spin that neither allocates nor runs at 0.</summary>
public sealed class ExtraWorkTests
{
    [Theory]
    [InlineData(null, 0.0)]
    [InlineData("", 0.0)]
    [InlineData("  ", 0.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.3", 0.3)]
    [InlineData("1e-1", 0.1)]
    [InlineData("2", 2.0)]
    public void Both_knobs_parse_a_non_negative_fraction(string? value, double expected)
    {
        ExtraWork.Parse(ExtraWork.VariableName, value).ShouldBe(expected);
        ExtraWork.Parse(ExtraWork.CpuVariableName, value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("abc")]
    [InlineData("0,3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void A_bad_value_is_rejected_with_the_variable_named(string value)
    {
        foreach (var variable in new[] { ExtraWork.VariableName, ExtraWork.CpuVariableName })
        {
            var e = Should.Throw<InvalidOperationException>(() => ExtraWork.Parse(variable, value));
            e.Message.ShouldContain(variable);
            e.Message.ShouldContain($"'{value}'");
        }
    }

    [Fact]
    public void The_two_variables_have_distinct_names()
    {
        ExtraWork.CpuVariableName.ShouldBe("PERFGATE_SAMPLE_EXTRA_CPU");
        ExtraWork.VariableName.ShouldBe("PERFGATE_SAMPLE_EXTRA_WORK");
    }

    [Fact]
    public void With_fraction_zero_there_is_no_spinning()
    {
        // A start far in the past: any positive fraction would spin for a long time; zero must not spin at all.
        var longAgo = Stopwatch.GetTimestamp() - (Stopwatch.Frequency * 3600);
        ExtraWork.Burn(longAgo, 0).ShouldBe(0);
        ExtraWork.Burn(longAgo, -1).ShouldBe(0);
        ExtraWork.Burn(longAgo, double.NaN).ShouldBe(0);
    }

    [Fact]
    public void A_positive_fraction_spins()
    {
        // Real work that took a measurable time (a few milliseconds of elapsed time before the call).
        var start = Stopwatch.GetTimestamp() - (Stopwatch.Frequency / 200);
        ExtraWork.Burn(start, 0.5).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_spin_allocates_nothing()
    {
        var start = Stopwatch.GetTimestamp() - (Stopwatch.Frequency / 200);
        ExtraWork.Burn(start, 0.1); // JIT and first-call costs outside the measurement
        ExtraWork.BurnCpu(start);

        var before = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp() - (Stopwatch.Frequency / 200);
        var spun = ExtraWork.Burn(start, 0.5);
        ExtraWork.BurnCpu(start);
        var after = GC.GetAllocatedBytesForCurrentThread();

        spun.ShouldBeGreaterThan(0);
        (after - before).ShouldBe(0);
    }
}
