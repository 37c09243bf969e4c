using System.Collections.Immutable;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Which benchmarks of an A/B verdict deserve confirmation rounds (SPEC §3b): those that would fail on time against
/// the same-runner base, and those whose change is above the warning threshold but still undecided. Everything
/// else is settled by the screening rounds; spending the time budget on it would only delay the verdict.
/// </summary>
public static class Confirmation
{
    /// <summary>The suspects' BenchmarkDotNet <c>--filter</c> patterns (<c>Namespace.Type.Method</c>), distinct, in verdict order.</summary>
    public static ImmutableArray<string> Suspects(Verdict verdict) =>
        [.. verdict.Benchmarks.Where(IsSuspect).Select(b => b.FilterPattern!).Distinct(StringComparer.Ordinal)];

    /// <summary>Confirmed (would fail), or undecided with a change above the benchmark's warning threshold (the gate sets <see cref="BenchmarkVerdict.Suspect"/>).</summary>
    public static bool IsSuspect(BenchmarkVerdict b) => b.Suspect && b.FilterPattern is not null;
}
