using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Rules;
using PerfGate.Sample.Validation;

namespace PerfGate.Benchmarks;

/// <summary>VAL-001: validating one known-good definition (every rule runs all its checks).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private const int Ops = 200;
    private const string Term = "permit";
    private const string Text =
        "written decision of a competent authority that allows a named party to carry out a specified activity at a specified location during a specified period";

    private ValidationOrchestrator _validation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _validation = new ValidationOrchestrator(new RuleCache(), ConfigurationLoader.LoadDefault().RulesDirectory);
        _validation.Validate(Text, Term);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public int ValidateOneDefinition()
    {
        var start = Stopwatch.GetTimestamp();
        var violations = 0;
        for (var i = 0; i < Ops + ExtraWork.Repetitions(Ops); i++)
        {
            violations += _validation.Validate(Text, Term).Violations.Length;
        }

        ExtraWork.BurnCpu(start);
        return violations;
    }
}
