using PerfGate.Core.Rendering;

namespace PerfGate.Core.Tests.Rendering;

public sealed class SparklineTests
{
    [Fact]
    public void Rising_series_climbs_from_lowest_to_highest_block() =>
        Sparkline.Render([1, 2, 3, 4, 5, 6, 7, 8]).ShouldBe("▁▂▃▄▅▆▇█");

    [Fact]
    public void Flat_series_is_drawn_at_mid_height() => Sparkline.Render([5, 5, 5]).ShouldBe("▄▄▄");

    [Fact]
    public void Fewer_than_two_points_draw_nothing()
    {
        Sparkline.Render([]).ShouldBe(string.Empty);
        Sparkline.Render([42]).ShouldBe(string.Empty);
    }

    [Fact]
    public void Not_finite_points_are_skipped() => Sparkline.Render([1, double.NaN, 2]).ShouldBe("▁█");
}
