using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests;

/// <summary>Edits of one benchmark in a BenchmarkDotNet full JSON report, for tests that need slower or bigger copies of real results.</summary>
internal static class BdnJson
{
    private static readonly string[] TimeStatistics = ["Min", "Max", "Mean", "Median", "Q1", "Q3", "LowerFence", "UpperFence"];

    /// <summary>Multiplies every measured time of the benchmark (measurements, statistics, original values) by <paramref name="factor"/>.</summary>
    public static void ScaleTimes(JsonNode benchmark, double factor)
    {
        foreach (var m in benchmark["Measurements"]?.AsArray() ?? [])
        {
            if (m!["Nanoseconds"] is JsonValue v && v.TryGetValue<double>(out var ns))
            {
                m["Nanoseconds"] = ns * factor;
            }
        }

        if (benchmark["Statistics"] is JsonObject stats)
        {
            foreach (var key in TimeStatistics)
            {
                if (stats[key] is JsonValue s && s.TryGetValue<double>(out var value))
                {
                    stats[key] = value * factor;
                }
            }

            if (stats["OriginalValues"] is JsonArray values)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    values[i] = values[i]!.GetValue<double>() * factor;
                }
            }
        }
    }

    /// <summary>Multiplies the benchmark's allocated bytes per operation (the Memory block and the "Allocated Memory" metric) by <paramref name="factor"/>.</summary>
    public static void ScaleAllocations(JsonNode benchmark, double factor)
    {
        if (benchmark["Memory"] is JsonObject memory && memory["BytesAllocatedPerOperation"] is JsonValue bytes && bytes.TryGetValue<double>(out var allocated))
        {
            memory["BytesAllocatedPerOperation"] = allocated * factor;
        }

        foreach (var metric in benchmark["Metrics"]?.AsArray() ?? [])
        {
            if (metric?["Descriptor"]?["Id"]?.GetValue<string>() == "Allocated Memory" && metric["Value"] is JsonValue mv && mv.TryGetValue<double>(out var value))
            {
                metric["Value"] = value * factor;
            }
        }
    }
}
