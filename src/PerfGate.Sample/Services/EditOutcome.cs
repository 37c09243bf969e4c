using PerfGate.Sample.Definitions;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Services;

/// <summary>The definition after an edit, its validation, and the version number the edit created.</summary>
public sealed record EditOutcome(Definition Definition, ValidationResult Validation, int Version);
