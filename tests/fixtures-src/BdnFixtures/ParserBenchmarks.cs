using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace BdnFixtures;

[MemoryDiagnoser]
public class ParserBenchmarks
{
    [Params(10, 100)]
    public int Count { get; set; }

    [Params("a b", "x,y")]
    public string Separator { get; set; } = "";

    [Benchmark]
    public string Join()
    {
        var parts = new string[Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(Separator, parts);
    }

    [Benchmark]
    public int Sum()
    {
        var sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += i;
        }

        return sum;
    }

    [Benchmark]
    public int Throws() => throw new InvalidOperationException("fixture: this benchmark fails on purpose");
}
