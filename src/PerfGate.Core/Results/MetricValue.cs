namespace PerfGate.Core.Results;

/// <summary>
/// A named figure that travels with a benchmark or a run: BenchmarkDotNet metrics (Gen0 collections, allocated
/// bytes, custom diagnoser metrics) or PerfGate's custom metric files (<c>perfgate-metrics/1</c>, docs/custom-metrics.md).
/// </summary>
/// <param name="Id">Stable id, e.g. <c>SVC-001</c> or <c>Allocated</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit text, e.g. <c>B</c>, <c>count</c>, <c>tokens</c>, <c>ratio</c>, <c>ns</c>.</param>
/// <param name="BiggerIsBetter">True when a larger value is an improvement.</param>
/// <param name="Deterministic">True when the value does not vary between identical runs (counts, bytes), so it is compared exactly instead of statistically.</param>
public sealed record MetricValue(string Id, string Name, double Value, string Unit, bool BiggerIsBetter, bool Deterministic);
