namespace PerfGate.Core.Statistics;

/// <summary>
/// A small seeded generator (SplitMix64, Steele et al. 2014) for the permutation test: the same seed gives the same
/// permutations on every machine and .NET version, so a change-point analysis is reproducible.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A standard normal draw (Box–Muller), for synthetic series.</summary>
    public double NextGaussian()
    {
        var u1 = ((Next() >> 11) + 1.0) / 9007199254740993.0;
        var u2 = (Next() >> 11) / 9007199254740992.0;
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Shuffles in place (Fisher–Yates).</summary>
    public void Shuffle(Span<double> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
