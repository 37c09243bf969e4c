namespace PerfGate.Core.Results;

/// <summary>What the gate needs from a list of <see cref="AbRound"/>s besides the pairs themselves.</summary>
public static class AbRounds
{
    /// <summary>The head side of every round pooled into one run (each round's processes are launches): the "current" run of an A/B verdict.</summary>
    public static BenchmarkRun PoolHeads(IReadOnlyList<AbRound> rounds) => LaunchPool.Pool([.. rounds.Select(r => r.Head)]);

    /// <summary>The base side of every round pooled into one run.</summary>
    public static BenchmarkRun PoolBases(IReadOnlyList<AbRound> rounds) => LaunchPool.Pool([.. rounds.Select(r => r.Base)]);
}
