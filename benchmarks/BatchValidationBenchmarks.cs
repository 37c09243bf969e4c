using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Definitions;
using PerfGate.Sample.Rules;
using PerfGate.Sample.Validation;

namespace PerfGate.Benchmarks;

/// <summary>Validating a batch of the shipped sample definitions (good and bad, cycled to the batch size).</summary>
[MemoryDiagnoser]
public class BatchValidationBenchmarks
{
    private const int Ops = 20;

    private ValidationOrchestrator _validation = null!;
    private DefinitionInput[] _batch = [];

    [Params(10, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var configuration = ConfigurationLoader.LoadDefault();
        _validation = new ValidationOrchestrator(new RuleCache(), configuration.RulesDirectory);
        var samples = SampleDefinitions.Load(configuration.DefinitionsFile);
        _batch = [.. Enumerable.Range(0, BatchSize).Select(i => samples[i % samples.Length]).Select(s => new DefinitionInput(s.Term, s.Text))];
        _validation.ValidateBatch(_batch);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int ValidateBatch()
    {
        var start = Stopwatch.GetTimestamp();
        var valid = 0;
        for (var i = 0; i < Ops + ExtraWork.Repetitions(Ops); i++)
        {
            valid += _validation.ValidateBatch(_batch).ValidCount;
        }

        ExtraWork.BurnCpu(start);
        return valid;
    }
}
