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
        string Text(string name) => fields.String(h, name, At) is { Length: > 0 } s ? s : "unknown";
        var cores = fields.Number(h, "LogicalCoreCount", At);
        return new HostFingerprint(
            Os: Text("OsVersion"),
            Processor: Text("ProcessorName"),
            LogicalCores: cores is { } c ? (int)c : 0,
            Runtime: Text("RuntimeVersion"),
            Architecture: Text("Architecture"),
            BenchmarkDotNetVersion: Text("BenchmarkDotNetVersion"));
    }
}
