using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Statistics;

public sealed class StatisticsTests
{
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.20), "holm") = 0.04 0.09 0.09 0.20
    //    sorted 0.01·4 = 0.04; 0.03·3 = 0.09; 0.04·2 = 0.08 → running max 0.09; 0.20·1 = 0.20.
    [Fact]
    public void Holm_matches_the_hand_worked_example() =>
        MultipleTesting.Holm([0.01, 0.04, 0.03, 0.20]).Select(p => Math.Round(p, 10)).ShouldBe([0.04, 0.09, 0.09, 0.20]);

    // R: p.adjust(c(0.01, 0.04, 0.03, 0.20), "BH") = 0.04 0.0533 0.0533 0.20
    //    from the largest: 0.20·4/4 = 0.20; 0.04·4/3 = 0.0533; 0.03·4/2 = 0.06 → running min 0.0533; 0.01·4/1 = 0.04.
    [Fact]
    public void Benjamini_Hochberg_matches_the_hand_worked_example() =>
        MultipleTesting.BenjaminiHochberg([0.01, 0.04, 0.03, 0.20]).Select(p => Math.Round(p, 4)).ShouldBe([0.04, 0.0533, 0.0533, 0.20]);

    // Anscombe (1973), data set I: slope 0.5001, intercept 3.0001, R² 0.6665 (published values).
    [Fact]
    public void Linear_trend_reproduces_Anscombe_set_one()
    {
        double[] x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
        double[] y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

        var fit = LinearTrend.Fit(x, y);

        fit.Slope.ShouldBe(0.5001, 0.0001);
        fit.Intercept.ShouldBe(3.0001, 0.0001);
        fit.RSquared.ShouldBe(0.6665, 0.0001);
        fit.SlopeStandardError.ShouldBe(0.1179, 0.0001);   // R: summary(lm(y ~ x)) gives 0.1179 for x
    }

    // R's ?wilcox.test example: x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46);
    // y <- c(1.15, 0.88, 0.90, 0.74, 1.21). W = 35 either way; with exact = FALSE, correct = TRUE the normal
    // approximation gives z = (35 − 25 − 0.5) / sqrt(50/12 · 16) = 9.5 / 8.1650 = 1.1635, p(greater) = 0.1223.
    [Fact]
    public void Mann_Whitney_reproduces_the_R_example_under_the_normal_approximation()
    {
        double[] x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
        double[] y = [1.15, 0.88, 0.90, 0.74, 1.21];

        var result = MannWhitneyTest.Test(x, y, Alternative.Greater);

        result.U.ShouldBe(35);
        result.Z.ShouldBe(1.1635, 0.0001);
        result.PValue.ShouldBe(0.1223, 0.0001);
        MannWhitneyTest.Test(x, y, Alternative.TwoSided).PValue.ShouldBe(0.2446, 0.0001);
    }

    [Fact]
    public void Mann_Whitney_on_identical_samples_is_inconclusive_and_never_significant()
    {
        var result = MannWhitneyTest.Test([1.0, 1.0, 1.0], [1.0, 1.0, 1.0], Alternative.Greater);

        result.PValue.ShouldBe(1);
        result.Inconclusive.ShouldBeTrue();
    }
}
