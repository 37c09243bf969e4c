namespace PerfGate.Sample.Services;

/// <summary>Whether a definition may move on, and why not.</summary>
public sealed record GateDecision(bool Allowed, string Reason);
