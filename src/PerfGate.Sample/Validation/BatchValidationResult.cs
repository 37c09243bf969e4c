using System.Collections.Immutable;

namespace PerfGate.Sample.Validation;

/// <summary>The results of a batch, in input order, with the aggregate figures a report needs.</summary>
public sealed record BatchValidationResult(ImmutableArray<ValidationResult> Results)
{
    public int ValidCount => Results.Count(r => r.IsValid);

    public int ViolationCount => Results.Sum(r => r.Violations.Length);

    public double AverageScore => Results.IsEmpty ? 0 : Results.Average(r => r.Score);
}
