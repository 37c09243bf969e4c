using System.Globalization;

namespace PerfGate.Benchmarks;

/// <summary>
/// The gate's calibration knob. <c>PERFGATE_SAMPLE_EXTRA_WORK</c> holds a fraction (e.g. <c>0.3</c>); every
/// benchmark then performs <c>round(Ops × fraction)</c> extra operations per invocation while still
/// reporting <c>Ops</c> operations, so time and allocations per operation grow by that share.
/// BenchmarkDotNet's child processes inherit the environment, so setting it for the host is enough.
/// </summary>
public static class ExtraWork
{
    public const string VariableName = "PERFGATE_SAMPLE_EXTRA_WORK";

    public static double Fraction { get; } = Parse(Environment.GetEnvironmentVariable(VariableName));

    /// <summary>How many extra operations to perform for <paramref name="ops"/> reported operations.</summary>
    public static int Repetitions(int ops) => (int)Math.Round(ops * Fraction, MidpointRounding.AwayFromZero);

    internal static double Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction < 0 || double.IsInfinity(fraction))
        {
            throw new InvalidOperationException($"{VariableName} must be a non-negative number such as 0.3; got '{value}'.");
        }

        return fraction;
    }
}
