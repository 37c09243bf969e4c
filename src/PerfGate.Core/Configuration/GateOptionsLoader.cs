using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Core.Results;

namespace PerfGate.Core.Configuration;

/// <summary>Reads <c>perfgate.json</c> strictly: unknown keys, wrong types and impossible values are errors naming the file.</summary>
public static class GateOptionsLoader
{
    public static GateOptions Read(Stream json, string sourceName)
    {
        GateOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(json, GateOptionsJson.Default.GateOptions);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new ResultsFormatException(sourceName, $"invalid configuration{where}{line}: {Clean(e.Message)}", e);
        }

        if (options is null)
        {
            throw new ResultsFormatException(sourceName, "the configuration is empty (null)");
        }

        Validate(options, sourceName);
        return options;
    }

    public static GateOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultsFormatException(path, "configuration file not found");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    private static void Validate(GateOptions o, string source)
    {
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                throw new ResultsFormatException(source, problem);
            }
        }

        var t = o.Thresholds;
        Require(t.WarningPercent >= 0 && t.FailPercent > 0, "thresholds.warningPercent must be ≥ 0 and thresholds.failPercent > 0");
        Require(t.WarningPercent <= t.FailPercent, "thresholds.warningPercent must not exceed thresholds.failPercent");
        Require(t.CriticalFactor >= 1, "thresholds.criticalFactor must be ≥ 1");
        Require(t.AcknowledgementSlackPercent is null or (>= 0 and < 100), "thresholds.acknowledgementSlackPercent must be ≥ 0 and < 100");
        var s = o.Statistics;
        Require(s.SignificanceLevel is > 0 and < 0.5, "statistics.significanceLevel must be between 0 and 0.5");
        Require(s.HistoryWindow >= 2, "statistics.historyWindow must be at least 2");
        Require(s.LowConfidence >= 0 && s.LowConfidence <= s.HighConfidence && s.HighConfidence <= 1, "statistics: need 0 ≤ lowConfidence ≤ highConfidence ≤ 1");
        Require(s.AssumedRunToRunNoisePercent > 0, "statistics.assumedRunToRunNoisePercent must be > 0");
        Require(s.PriorWeightRuns > 0, "statistics.priorWeightRuns must be > 0 (the assumed noise needs some weight, or a benchmark without history has no noise estimate at all)");
        Require(s.MinimumNoisePercent >= 0, "statistics.minimumNoisePercent must be ≥ 0");
        Require(s.Power is > 0 and < 1, "statistics.power must be between 0 and 1");
        Require(s.OutlierCutoff > 0, "statistics.outlierCutoff must be > 0");
        Require(o.Trend.MinimumRuns >= 3, "trend.minimumRuns must be at least 3");
        Require(o.Trend.SignificanceLevel is > 0 and < 0.5, "trend.significanceLevel must be between 0 and 0.5");
        foreach (var target in o.Targets)
        {
            var subject = target.Benchmark ?? target.Metric ?? "?";
            Require(target.Benchmark is not null || target.Metric is not null, "each target needs \"benchmark\" (a glob over benchmark ids) or \"metric\" (a metric id)");
            Require(double.IsFinite(target.Target), $"target for '{subject}': \"target\" must be a finite number");
            if (target.Warning is { } w && target.Error is { } e)
            {
                Require(target.BiggerIsBetter ? w >= e : w <= e, $"target for '{subject}': the warning level must come before the error level");
            }
        }

        foreach (var b in o.Benchmarks)
        {
            Require(!string.IsNullOrWhiteSpace(b.Match), "each entry of \"benchmarks\" needs \"match\" (a glob over benchmark ids)");
        }
    }

    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>
/// perfgate.json's reader, generated at compile time: reflection-based System.Text.Json builds its metadata and emits
/// code at the first call, which cost every <c>perfgate</c> command tens of milliseconds at start, and is not available
/// to a Native AOT build at all (docs/performance.md).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(GateOptions))]
internal sealed partial class GateOptionsJson : JsonSerializerContext;
