using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Services;
using PerfGate.Sample.Startup;

namespace PerfGate.Benchmarks;

/// <summary>APP-001: the whole startup path, from a cold process-wide container (config file, container, rules from disk).</summary>
[MemoryDiagnoser]
public class StartupBenchmarks
{
    private const int Ops = 10;

    [GlobalCleanup]
    public void Cleanup() => ContainerAccessor.ResetForTestsAndBenchmarks();

    [Benchmark(OperationsPerInvoke = Ops)]
    public int Start()
    {
        var start = Stopwatch.GetTimestamp();
        var rules = 0;
        for (var i = 0; i < Ops + ExtraWork.Repetitions(Ops); i++)
        {
            ContainerAccessor.ResetForTestsAndBenchmarks();
            rules += SampleApplication.Start().Report.RulesLoaded;
        }

        ExtraWork.BurnCpu(start);
        return rules;
    }
}
