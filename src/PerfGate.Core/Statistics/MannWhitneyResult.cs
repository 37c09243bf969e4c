namespace PerfGate.Core.Statistics;

/// <summary>The outcome of <see cref="MannWhitneyTest"/>: U for x (R's W), the p-value, and the z used.</summary>
public sealed record MannWhitneyResult(double U, double PValue, double Z, bool Inconclusive);
