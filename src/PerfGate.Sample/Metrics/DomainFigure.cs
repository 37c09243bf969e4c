namespace PerfGate.Sample.Metrics;

/// <summary>
/// One deterministic figure the gate holds to a target, e.g. SVC-001. <see cref="BiggerIsBetter"/>
/// tells the gate which direction is a regression.
/// </summary>
public sealed record DomainFigure(string Id, string Name, double Value, string Unit, bool BiggerIsBetter, bool Deterministic = true);
