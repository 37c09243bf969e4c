namespace PerfGate.Cli.Ab;

/// <summary>
/// The plain progress line the benchmarks program prints when its output is not a terminal (CI, a pipe, a
/// <c>perfgate ab</c> side): one per benchmark finished, <c>// PerfGate: benchmark 3/11 done: Type.Method in 12.3 s (…)</c>.
/// Defined here so that <c>perfgate ab</c> recognises the lines its sides print (besides BenchmarkDotNet's own
/// <c>// Benchmark: …</c> header, which an older side prints).
/// </summary>
public static class BenchmarkProgressLines
{
    public const string Prefix = "// PerfGate: benchmark ";

    /// <summary>The part of a progress line worth showing beside a round: "3/11 done: Type.Method"; null for other lines.</summary>
    public static string? Describe(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var text = line[Prefix.Length..];
        var took = text.IndexOf(" in ", StringComparison.Ordinal);
        return (took > 0 ? text[..took] : text).Trim();
    }
}
