using PerfGate.Sample.Services;
using PerfGate.Sample.Startup;

namespace PerfGate.Sample.Tests.Startup;

[Collection(ContainerAccessorCollection.Name)]
public sealed class SampleApplicationTests : IDisposable
{
    public SampleApplicationTests() => ContainerAccessor.ResetForTestsAndBenchmarks();

    public void Dispose() => ContainerAccessor.ResetForTestsAndBenchmarks();

    [Fact]
    public void Startup_builds_the_container_once_and_warms_the_rule_cache()
    {
        var app = SampleApplication.Start();
        var report = app.Report;

        report.ConfigurationSource.ShouldBe("perfgate-sample.json");
        report.RulesLoaded.ShouldBe(46);
        report.ContainerConstructions.ShouldBe(1);
        report.ServicesConstructed.Keys.ShouldBe(ServiceNames.Critical.Order(StringComparer.Ordinal));
        report.ServicesConstructed.Values.ShouldAllBe(n => n == 1);
        app.Container.RuleCache.Statistics.ShouldBe(new(Hits: 0, Misses: 1, Entries: 1));
        ContainerAccessor.Get().ShouldBeSameAs(app.Container);
    }

    [Fact]
    public void Startup_phases_add_up_to_the_total()
    {
        var report = SampleApplication.Start().Report;

        report.ConfigurationTime.ShouldBeGreaterThan(TimeSpan.Zero);
        report.ContainerTime.ShouldBeGreaterThan(TimeSpan.Zero);
        report.RuleWarmUpTime.ShouldBeGreaterThan(TimeSpan.Zero);
        (report.ConfigurationTime + report.ContainerTime + report.RuleWarmUpTime).ShouldBeLessThanOrEqualTo(report.Total);
        report.Total.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_second_start_reuses_the_container()
    {
        var first = SampleApplication.Start();
        var second = SampleApplication.Start();

        second.Container.ShouldBeSameAs(first.Container);
        second.Report.ContainerConstructions.ShouldBe(1);
        first.Container.RuleCache.Statistics.ShouldBe(new(Hits: 1, Misses: 1, Entries: 1));
    }
}
