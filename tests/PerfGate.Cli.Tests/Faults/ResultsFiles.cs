using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>BenchmarkDotNet full JSON files built from the real fixture: its first allocating benchmark copied under chosen method names.</summary>
internal static class ResultsFiles
{
    public static readonly string Fixture = CliRunner.Run1;

    /// <summary>Writes one benchmark per name (<c>BdnFixtures.ParserBenchmarks.{name}</c>, DefaultJob) to <paramref name="path"/>.</summary>
    public static string WithNames(string path, IEnumerable<string> names, double factor = 1.0)
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixture))!.AsObject();
        // The first benchmark that allocates (Join, Count=100: 1,870 B per operation), so allocation changes can fail a check.
        var template = root["Benchmarks"]!.AsArray()
            .First(b => b?["Memory"]?["BytesAllocatedPerOperation"] is JsonValue v && v.TryGetValue<double>(out var bytes) && bytes > 0)!;
        var benchmarks = new JsonArray();
        foreach (var name in names)
        {
            var b = template.DeepClone();
            b["Method"] = name;
            b["MethodTitle"] = name;
            b["Parameters"] = "";
            b["FullName"] = "BdnFixtures.ParserBenchmarks." + name;
            b["DisplayInfo"] = "ParserBenchmarks." + name + ": DefaultJob";
            if (factor != 1.0)
            {
                BdnJson.ScaleTimes(b, factor);
            }

            benchmarks.Add(b);
        }

        root["Benchmarks"] = benchmarks;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>A large results file: <paramref name="count"/> benchmarks named Bench00000, Bench00001…</summary>
    public static string Large(string path, int count) =>
        WithNames(path, Enumerable.Range(0, count).Select(i => "Bench" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)));
}
