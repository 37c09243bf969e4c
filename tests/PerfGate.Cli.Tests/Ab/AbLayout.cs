using System.Globalization;
using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Ab;

/// <summary>Writes an A/B folder (DIR/round-NN/{base,head}/) from the real BenchmarkDotNet fixtures, for <c>check --ab</c>.</summary>
internal static class AbLayout
{
    /// <summary>
    /// <paramref name="rounds"/> rounds; base and head each alternate the two real runs (run1, run2 in odd rounds, the
    /// other way round in even ones), the head's times multiplied by <paramref name="headFactor"/>.
    /// </summary>
    public static string Write(string dir, int rounds, double headFactor = 1.0)
    {
        for (var round = 1; round <= rounds; round++)
        {
            var odd = round % 2 == 1;
            WriteSide(dir, round, "base", odd ? CliRunner.Run1 : CliRunner.Run2, 1.0);
            WriteSide(dir, round, "head", odd ? CliRunner.Run2 : CliRunner.Run1, headFactor);
        }

        return dir;
    }

    public static string RoundFolder(string dir, int round) => Path.Combine(dir, "round-" + round.ToString("00", CultureInfo.InvariantCulture));

    private static void WriteSide(string dir, int round, string side, string source, double factor)
    {
        var root = JsonNode.Parse(File.ReadAllText(source))!;
        foreach (var benchmark in root["Benchmarks"]!.AsArray())
        {
            BdnJson.ScaleTimes(benchmark!, factor);
        }

        var folder = Path.Combine(RoundFolder(dir, round), side);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Path.GetFileName(source)), root.ToJsonString());
    }
}
