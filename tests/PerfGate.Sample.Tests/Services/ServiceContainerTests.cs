using PerfGate.Sample.Configuration;
using PerfGate.Sample.Services;

namespace PerfGate.Sample.Tests.Services;

public sealed class ServiceContainerTests
{
    [Fact]
    public void Lazy_container_builds_only_the_critical_services()
    {
        var container = new ServiceContainer(TestData.Configuration);

        foreach (var name in ServiceNames.Critical)
        {
            container.Constructions.Count(name).ShouldBe(1, name);
        }

        foreach (var name in ServiceNames.NonCritical)
        {
            container.Constructions.Count(name).ShouldBe(0, name);
        }

        container.Constructions.Total.ShouldBe(4);
    }

    [Fact]
    public void A_lazy_service_is_built_on_first_use_and_only_once()
    {
        var container = new ServiceContainer(TestData.Configuration);

        var first = container.DuplicateDetection;
        container.Constructions.Count(ServiceNames.DuplicateDetectionService).ShouldBe(1);
        container.DuplicateDetection.ShouldBeSameAs(first);
        container.Constructions.Count(ServiceNames.DuplicateDetectionService).ShouldBe(1);
        container.Constructions.Total.ShouldBe(5);
    }

    [Fact]
    public void Using_the_workflow_builds_its_gate_policy_too_and_nothing_else()
    {
        var container = new ServiceContainer(TestData.Configuration);

        _ = container.Workflow;

        container.Constructions.Count(ServiceNames.DefinitionWorkflowService).ShouldBe(1);
        container.Constructions.Count(ServiceNames.GatePolicyService).ShouldBe(1);
        container.Constructions.Total.ShouldBe(6);
    }

    [Fact]
    public void Concurrent_first_use_builds_a_lazy_service_once()
    {
        var container = new ServiceContainer(TestData.Configuration);

        var seen = new ExportService[64];
        Parallel.For(0, seen.Length, i => seen[i] = container.Export);

        seen.Distinct().Count().ShouldBe(1);
        container.Constructions.Count(ServiceNames.ExportService).ShouldBe(1);
    }

    [Fact]
    public void Eager_container_builds_every_service_at_construction()
    {
        var container = new ServiceContainer(TestData.Configuration with { ServiceLoading = ServiceLoading.Eager });

        container.Constructions.Snapshot().Count.ShouldBe(11);
        container.Constructions.Snapshot().Values.ShouldAllBe(n => n == 1);
    }
}
