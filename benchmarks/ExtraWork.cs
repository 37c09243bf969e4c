using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PerfGate.Benchmarks;

/// <summary>
/// The gate's calibration knobs, two injected slowdowns of a known size. BenchmarkDotNet's child processes inherit
/// the environment, so setting a variable for the host is enough.
/// <list type="bullet">
/// <item><c>PERFGATE_SAMPLE_EXTRA_WORK</c> holds a fraction (e.g. <c>0.3</c>); every benchmark then performs
/// <c>round(Ops × fraction)</c> extra operations per invocation while still reporting <c>Ops</c> operations, so time
/// <em>and</em> allocations per operation grow by that share (the exact allocation rule sees it).</item>
/// <item><c>PERFGATE_SAMPLE_EXTRA_CPU</c> holds a fraction too; every benchmark then spins without allocating for
/// that share of the time its real work took (<see cref="BurnCpu(long)"/>): time grows, allocations do not, so only
/// the timing rules can see it.</item>
/// </list>
/// </summary>
public static class ExtraWork
{
    public const string VariableName = "PERFGATE_SAMPLE_EXTRA_WORK";

    public const string CpuVariableName = "PERFGATE_SAMPLE_EXTRA_CPU";

    /// <summary>How many timestamps the spin loop runs between two reads of the clock.</summary>
    private const int SpinBatch = 256;

    /// <summary>The spin loop's result, kept so the JIT cannot drop the loop.</summary>
    private static ulong s_sink;

    public static double Fraction { get; } = Parse(VariableName, Environment.GetEnvironmentVariable(VariableName));

    public static double CpuFraction { get; } = Parse(CpuVariableName, Environment.GetEnvironmentVariable(CpuVariableName));

    /// <summary>The spin loop's last result (only so that it is observable).</summary>
    public static ulong Sink => Volatile.Read(ref s_sink);

    /// <summary>How many extra operations to perform for <paramref name="ops"/> reported operations.</summary>
    public static int Repetitions(int ops) => (int)Math.Round(ops * Fraction, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Call after a benchmark's real work with the <see cref="Stopwatch.GetTimestamp"/> taken before it: spins, without
    /// allocating, until <see cref="CpuFraction"/> × the real work's elapsed time more has passed. Returns at once when
    /// the fraction is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BurnCpu(long start)
    {
        if (CpuFraction > 0)
        {
            Burn(start, CpuFraction);
        }
    }

    /// <summary>
    /// Both knobs parsed, so that a bad value stops the program with its message before any benchmark runs
    /// (inside a benchmark it would surface as a type initialisation failure).
    /// </summary>
    public static void Validate()
    {
        _ = Parse(VariableName, Environment.GetEnvironmentVariable(VariableName));
        _ = Parse(CpuVariableName, Environment.GetEnvironmentVariable(CpuVariableName));
    }

    /// <summary>The spin itself, for an explicit fraction; returns how many spin iterations it ran (0 when none).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static long Burn(long start, double fraction)
    {
        if (!(fraction > 0))
        {
            return 0;
        }

        var now = Stopwatch.GetTimestamp();
        var until = now + (long)((now - start) * fraction);
        var x = (ulong)now | 1UL;
        long iterations = 0;
        while (now < until)
        {
            for (var i = 0; i < SpinBatch; i++)
            {
                // xorshift64: cheap, non-allocating arithmetic the JIT cannot fold away
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }

            iterations += SpinBatch;
            now = Stopwatch.GetTimestamp();
        }

        s_sink = x;
        return iterations;
    }

    internal static double Parse(string? value) => Parse(VariableName, value);

    internal static double Parse(string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) || fraction < 0 || !double.IsFinite(fraction))
        {
            throw new InvalidOperationException($"{variable} must be a non-negative number such as 0.3; got '{value}'.");
        }

        return fraction;
    }
}
