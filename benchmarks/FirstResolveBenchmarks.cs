using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Services;

namespace PerfGate.Benchmarks;

/// <summary>
/// The first-access delay of a lazy service (step 5 target: small): resolving the duplicate detector on
/// fresh lazy containers. The containers are built in <see cref="IterationSetup"/>, outside the measurement,
/// which makes BenchmarkDotNet run one invocation per iteration; the inner loop keeps that invocation long enough.
/// </summary>
[MemoryDiagnoser]
public class FirstResolveBenchmarks
{
    private const int Ops = 200;

    private SampleConfiguration _configuration = null!;
    private ServiceContainer[] _containers = [];

    [GlobalSetup]
    public void Setup() => _configuration = ConfigurationLoader.LoadDefault() with { ServiceLoading = ServiceLoading.Lazy };

    [IterationSetup]
    public void BuildContainers() =>
        _containers = [.. Enumerable.Range(0, Ops + ExtraWork.Repetitions(Ops)).Select(_ => new ServiceContainer(_configuration))];

    [Benchmark(OperationsPerInvoke = Ops)]
    public int FirstResolveOfLazyService()
    {
        var start = Stopwatch.GetTimestamp();
        var built = 0;
        foreach (var container in _containers)
        {
            built += container.DuplicateDetection is null ? 0 : 1;
        }

        ExtraWork.BurnCpu(start);
        return built;
    }
}
