using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Services;

namespace PerfGate.Benchmarks;

/// <summary>SVC-002: building the container with every service eager (before step 5) and with lazy services.</summary>
[MemoryDiagnoser]
public class ContainerBenchmarks
{
    private const int Ops = 20;

    private SampleConfiguration _lazy = null!;
    private SampleConfiguration _eager = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lazy = ConfigurationLoader.LoadDefault() with { ServiceLoading = ServiceLoading.Lazy };
        _eager = _lazy with { ServiceLoading = ServiceLoading.Eager };
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int BuildEager()
    {
        var start = Stopwatch.GetTimestamp();
        var services = Build(_eager);
        ExtraWork.BurnCpu(start);
        return services;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int BuildLazy()
    {
        var start = Stopwatch.GetTimestamp();
        var services = Build(_lazy);
        ExtraWork.BurnCpu(start);
        return services;
    }

    private static int Build(SampleConfiguration configuration)
    {
        var services = 0;
        for (var i = 0; i < Ops + ExtraWork.Repetitions(Ops); i++)
        {
            services += new ServiceContainer(configuration).Constructions.Total;
        }

        return services;
    }
}
