using System.Text.Json;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>The machine-readable verdict (docs/verdict-schema.md): camelCase, enums as lower-case strings, times in nanoseconds.</summary>
public static class JsonVerdictWriter
{
    public const int SchemaVersion = 1;

    public static void Write(Verdict verdict, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteBoolean("passed", verdict.Passed);
        json.WriteString("severity", Lower(verdict.Severity));
        json.WriteStartObject("thresholds");
        json.WriteNumber("warningPercent", verdict.Thresholds.WarningPercent);
        json.WriteNumber("failPercent", verdict.Thresholds.FailPercent);
        json.WriteNumber("criticalPercent", verdict.Thresholds.CriticalPercent);
        json.WriteNumber("significanceLevel", verdict.Thresholds.SignificanceLevel);
        json.WriteNumber("historyWindow", verdict.Thresholds.HistoryWindow);
        json.WriteEndObject();
        var c = verdict.Context;
        json.WriteStartObject("context");
        String(json, "headCommit", c.HeadCommit);
        String(json, "headBranch", c.HeadBranch);
        String(json, "baselineCommit", c.BaselineCommit);
        String(json, "currentFingerprint", c.CurrentFingerprint);
        String(json, "baselineFingerprint", c.BaselineFingerprint);
        json.WriteBoolean("fingerprintMismatch", c.FingerprintMismatch);
        json.WriteNumber("historyRuns", c.HistoryRuns);
        json.WriteBoolean("hasMeasurements", c.HasMeasurements);
        json.WriteEndObject();
        json.WriteStartArray("benchmarks");
        foreach (var b in VerdictOrdering.ForReport(verdict.Benchmarks))
        {
            json.WriteStartObject();
            json.WriteString("id", b.Id);
            json.WriteString("displayName", b.DisplayName);
            json.WriteString("kind", KindName(b.Kind));
            json.WriteString("severity", Lower(b.Severity));
            json.WriteBoolean("fails", b.Fails);
            json.WriteString("unit", "ns");
            Number(json, "baseline", b.Baseline);
            Number(json, "current", b.Current);
            Number(json, "changePercent", b.ChangePercent);
            Number(json, "changeLowerPercent", b.ChangeLowerPercent);
            Number(json, "changeUpperPercent", b.ChangeUpperPercent);
            Number(json, "minimumDetectableChangePercent", b.MinimumDetectableChangePercent);
            json.WriteBoolean("tooNoisy", b.TooNoisy);
            String(json, "noiseAdvice", b.NoiseAdvice);
            Number(json, "baselineAllocatedBytes", b.BaselineAllocatedBytes);
            Number(json, "currentAllocatedBytes", b.CurrentAllocatedBytes);
            WriteFindings(json, "reasons", b.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("metrics");
        foreach (var m in verdict.Metrics)
        {
            json.WriteStartObject();
            json.WriteString("id", m.Id);
            json.WriteString("name", m.Name);
            json.WriteString("unit", m.Unit);
            json.WriteBoolean("biggerIsBetter", m.BiggerIsBetter);
            json.WriteString("severity", Lower(m.Severity));
            json.WriteBoolean("fails", m.Fails);
            Number(json, "baseline", m.Baseline);
            Number(json, "current", m.Current);
            Number(json, "changePercent", m.ChangePercent);
            Number(json, "target", m.Target);
            WriteFindings(json, "reasons", m.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in verdict.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFindings(Utf8JsonWriter json, string name, IEnumerable<Finding> findings)
    {
        json.WriteStartArray(name);
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteString("tier", Lower(f.Tier));
            json.WriteString("severity", Lower(f.Severity));
            json.WriteString("metric", f.Metric);
            json.WriteBoolean("fails", f.Fails);
            json.WriteString("message", f.Message);
            Number(json, "current", f.Current);
            Number(json, "expected", f.Expected);
            Number(json, "changePercent", f.ChangePercent);
            Number(json, "pValue", f.PValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    internal static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.FailedToRun => "failedToRun",
        _ => Lower(kind),
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
