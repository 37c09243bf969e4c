using PerfGate.Core.Rendering;
using PerfGate.Core.Tests.TestSupport;

namespace PerfGate.Core.Tests.Rendering;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0.4219, "0.422 ns")]
    [InlineData(12.34, "12.3 ns")]
    [InlineData(812.4, "812 ns")]
    [InlineData(999.4, "999 ns")]
    [InlineData(999.6, "1.00 μs")]
    [InlineData(41_250, "41.3 μs")]
    [InlineData(1_930_000, "1.93 ms")]
    [InlineData(1_130_000_000, "1.13 s")]
    [InlineData(125_000_000_000, "125 s")]
    [InlineData(0, "0 ns")]
    public void Time_uses_three_significant_digits_and_a_sensible_unit(double ns, string expected)
    {
        foreach (var culture in new[] { "", "ru-RU" })
        {
            using var _ = new CultureScope(culture);
            Units.Time(ns).ShouldBe(expected);
        }
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(312, "312 B")]
    [InlineData(1_536, "1.50 KB")]
    [InlineData(2_112, "2.06 KB")]
    [InlineData(5_242_880, "5.00 MB")]
    public void Bytes_use_1024_based_units(double bytes, string expected) => Units.Bytes(bytes).ShouldBe(expected);

    [Theory]
    [InlineData(34.21, "+34.2%")]
    [InlineData(-12, "-12.0%")]
    [InlineData(0.04, "0.0%")]
    [InlineData(-0.04, "0.0%")]
    public void Signed_percent_has_one_decimal(double percent, string expected)
    {
        using var _ = new CultureScope("ru-RU");
        Units.SignedPercent(percent).ShouldBe(expected);
    }

    [Fact]
    public void Missing_or_not_finite_values_render_as_a_dash()
    {
        Units.Time(null).ShouldBe("–");
        Units.Time(double.NaN).ShouldBe("–");
        Units.SignedPercent(double.PositiveInfinity).ShouldBe("–");
        Units.Number(null).ShouldBe("–");
    }

    [Fact]
    public void Numbers_group_thousands_invariantly()
    {
        using var _ = new CultureScope("ru-RU");
        Units.Number(4_650).ShouldBe("4,650");
        Units.Number(412).ShouldBe("412");
        Units.Number(0.95).ShouldBe("0.950");
    }

    [Theory]
    [InlineData(9.04, 157.2, "+9.0% … +157%")]
    [InlineData(28.1, 40.3, "+28% … +40%")]
    [InlineData(-18.0, 31.6, "-18% … +32%")]
    [InlineData(-1.5, 1.5, "-1.5% … +1.5%")]
    [InlineData(-0.04, 0.04, "0.0% … 0.0%")]
    [InlineData(9.96, 10.4, "+10% … +10%")]
    [InlineData(-25.0, -19.4, "-25% … -19%")]
    [InlineData(40.3, 28.1, "+28% … +40%")]
    public void Interval_shows_both_ends_rounded_for_reading(double lower, double upper, string expected)
    {
        using var _ = new CultureScope("ru-RU");
        Units.Interval(lower, upper).ShouldBe(expected);
    }

    [Fact]
    public void Unknown_interval_is_an_em_dash()
    {
        Units.Interval(null, 3).ShouldBe("—");
        Units.Interval(-3, null).ShouldBe("—");
        Units.Interval(double.NaN, 3).ShouldBe("—");
        Units.Interval(-3, double.PositiveInfinity).ShouldBe("—");
    }

    [Theory]
    [InlineData(0.0212, "p = 0.0212")]
    [InlineData(0.0004, "p = 0.0004")]
    [InlineData(0.0001, "p = 0.0001")]
    [InlineData(0.00009999, "p < 0.0001")]
    [InlineData(0.00003, "p < 0.0001")]
    [InlineData(0, "p < 0.0001")]
    [InlineData(0.5, "p = 0.5")]
    public void P_value_is_written_with_its_relation_once(double p, string expected)
    {
        using var _ = new CultureScope("ru-RU");
        Units.PValue(p).ShouldBe(expected);
    }
}
