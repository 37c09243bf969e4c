using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Rules;

namespace PerfGate.Benchmarks;

/// <summary>VAL-002: reading and parsing the rule files from disk, against a hit in the rule cache.</summary>
[MemoryDiagnoser]
public class RuleLoadingBenchmarks
{
    private const int ColdOps = 10;
    private const int WarmOps = 20_000;

    private readonly RuleCache _cache = new();
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = ConfigurationLoader.LoadDefault().RulesDirectory;
        _cache.Get(_directory);
    }

    [Benchmark(OperationsPerInvoke = ColdOps)]
    public int LoadColdFromDisk()
    {
        var start = Stopwatch.GetTimestamp();
        var rules = 0;
        for (var i = 0; i < ColdOps + ExtraWork.Repetitions(ColdOps); i++)
        {
            rules += RuleLoader.Load(_directory).Count;
        }

        ExtraWork.BurnCpu(start);
        return rules;
    }

    [Benchmark(OperationsPerInvoke = WarmOps)]
    public int LoadWarmFromCache()
    {
        var start = Stopwatch.GetTimestamp();
        var rules = 0;
        for (var i = 0; i < WarmOps + ExtraWork.Repetitions(WarmOps); i++)
        {
            rules += _cache.Get(_directory).Count;
        }

        ExtraWork.BurnCpu(start);
        return rules;
    }
}
