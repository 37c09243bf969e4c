using System.Text.Json;

namespace PerfGate.Benchmarks.GateSpeed;

/// <summary>
/// Writes a BenchmarkDotNet 0.14-shaped full JSON file with many benchmarks (three launches each, every iteration
/// stage BenchmarkDotNet writes), for measuring the gate at scale. Deterministic for a seed.
/// </summary>
internal static class SyntheticResults
{
    public static void Write(string path, int benchmarks, int seed)
    {
        var random = new Random(seed);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("Title", "PerfGate.Synthetic-20261122-101010");
        json.WriteStartObject("HostEnvironmentInfo");
        json.WriteString("BenchmarkDotNetCaption", "BenchmarkDotNet");
        json.WriteString("BenchmarkDotNetVersion", "0.14.0");
        json.WriteString("OsVersion", "Debian GNU/Linux 12 (bookworm)");
        json.WriteString("ProcessorName", "Synthetic CPU");
        json.WriteNumber("PhysicalProcessorCount", 1);
        json.WriteNumber("PhysicalCoreCount", 2);
        json.WriteNumber("LogicalCoreCount", 2);
        json.WriteString("RuntimeVersion", ".NET 10.0.0");
        json.WriteString("Architecture", "X64");
        json.WriteEndObject();
        json.WriteStartArray("Benchmarks");
        for (var b = 0; b < benchmarks; b++)
        {
            WriteBenchmark(json, b, random);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The id the ingest derives for benchmark <paramref name="index"/>.</summary>
    public static string Key(int index) => $"Synthetic.Suite{index / 50:00}.Method{index % 50:00}(N=100)";

    private static void WriteBenchmark(Utf8JsonWriter json, int index, Random random)
    {
        var type = $"Suite{index / 50:00}";
        var method = $"Method{index % 50:00}";
        // The benchmark's true time depends on its index only; the seed moves the noise, so two files are two runs.
        var center = 100 * Math.Pow(10, new Random(index).NextDouble() * 4);
        json.WriteStartObject();
        json.WriteString("DisplayInfo", $"{type}.{method}: DefaultJob [N=100]");
        json.WriteString("Namespace", "Synthetic");
        json.WriteString("Type", type);
        json.WriteString("Method", method);
        json.WriteString("MethodTitle", method);
        json.WriteString("Parameters", "N=100");
        json.WriteString("FullName", $"Synthetic.{type}.{method}(N: 100)");
        var values = new List<double>();
        json.WriteStartArray("Measurements");
        for (var launch = 1; launch <= 3; launch++)
        {
            var launchCenter = center * Math.Exp(0.03 * (random.NextDouble() - 0.5));
            WriteStage(json, "Overhead", "Jitting", launch, 1, 1, center, random);
            WriteStage(json, "Workload", "Jitting", launch, 1, 1, center * 3, random);
            WriteStage(json, "Workload", "Pilot", launch, 8, 1024, launchCenter, random);
            WriteStage(json, "Overhead", "Warmup", launch, 8, 16384, 1, random);
            WriteStage(json, "Overhead", "Actual", launch, 15, 16384, 1, random);
            WriteStage(json, "Workload", "Warmup", launch, 6, 16384, launchCenter, random);
            values.AddRange(WriteStage(json, "Workload", "Actual", launch, 15, 16384, launchCenter, random));
            WriteStage(json, "Workload", "Result", launch, 15, 16384, launchCenter, random);
        }

        json.WriteEndArray();
        values.Sort();
        json.WriteStartObject("Statistics");
        json.WriteNumber("N", values.Count);
        json.WriteNumber("Min", values[0]);
        json.WriteNumber("Median", values[values.Count / 2]);
        json.WriteNumber("Mean", values.Average());
        json.WriteNumber("Max", values[^1]);
        json.WriteNumber("StandardDeviation", Math.Sqrt(values.Sum(v => (v - values.Average()) * (v - values.Average())) / (values.Count - 1)));
        json.WriteEndObject();
        json.WriteStartObject("Memory");
        json.WriteNumber("Gen0Collections", 10);
        json.WriteNumber("Gen1Collections", 0);
        json.WriteNumber("Gen2Collections", 0);
        json.WriteNumber("TotalOperations", 16384 * 15);
        json.WriteNumber("BytesAllocatedPerOperation", 64 * (1 + (index % 7)));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static List<double> WriteStage(Utf8JsonWriter json, string mode, string stage, int launch, int count, long operations, double nsPerOp, Random random)
    {
        var perOp = new List<double>(count);
        for (var i = 1; i <= count; i++)
        {
            var value = nsPerOp * Math.Exp(0.01 * (random.NextDouble() - 0.5));
            perOp.Add(value);
            json.WriteStartObject();
            json.WriteString("IterationMode", mode);
            json.WriteString("IterationStage", stage);
            json.WriteNumber("LaunchIndex", launch);
            json.WriteNumber("IterationIndex", i);
            json.WriteNumber("Operations", operations);
            json.WriteNumber("Nanoseconds", Math.Round(value * operations, 2));
            json.WriteEndObject();
        }

        return perOp;
    }
}
