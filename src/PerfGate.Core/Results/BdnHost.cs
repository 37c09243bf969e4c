using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary><c>HostEnvironmentInfo</c> → <see cref="HostFingerprint"/>; a missing field is "unknown" (0 cores).</summary>
internal static class BdnHost
{
    public static HostFingerprint Read(JsonElement root, JsonFields fields)
    {
        if (fields.Object(root, "HostEnvironmentInfo", "$") is not { } h)
        {
            return HostFingerprint.Unknown;
        }

        const string At = "HostEnvironmentInfo";
        var cores = fields.Number(h, "LogicalCoreCount", At);
        var os = fields.String(h, "OsVersion", At);
        var processor = fields.String(h, "ProcessorName", At);
        var runtime = fields.String(h, "RuntimeVersion", At);
        var architecture = fields.String(h, "Architecture", At);
        var benchmarkDotNet = fields.String(h, "BenchmarkDotNetVersion", At);
        return From(os, processor, cores, runtime, architecture, benchmarkDotNet);
    }

    public static HostFingerprint From(string? os, string? processor, double? logicalCores, string? runtime, string? architecture, string? benchmarkDotNetVersion) => new(
        Os: Known(os),
        Processor: Known(processor),
        LogicalCores: logicalCores is { } c ? (int)c : 0,
        Runtime: Known(runtime),
        Architecture: Known(architecture),
        BenchmarkDotNetVersion: Known(benchmarkDotNetVersion));

    private static string Known(string? text) => text is { Length: > 0 } ? text : "unknown";
}
