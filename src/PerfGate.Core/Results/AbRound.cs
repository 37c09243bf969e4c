namespace PerfGate.Core.Results;

/// <summary>
/// One round of a same-runner A/B run (SPEC §3b): the PR's base and head measured one after the other on one
/// machine, each side one or more processes (launches). Rounds alternate the order (base-head, head-base, …), so
/// pairing by round cancels what the runner does to both sides alike.
/// </summary>
/// <param name="Number">The round's number, from 1 (the folder <c>round-NN</c>).</param>
/// <param name="Base">Everything measured for the base side in this round (may hold only some benchmarks: a confirmation round is filtered).</param>
/// <param name="Head">The same for the head side.</param>
public sealed record AbRound(int Number, BenchmarkRun Base, BenchmarkRun Head);
