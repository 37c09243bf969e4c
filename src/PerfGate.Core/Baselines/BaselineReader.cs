using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using PerfGate.Core.Results;

namespace PerfGate.Core.Baselines;

/// <summary>Reads <c>perfgate-baseline/1</c>, strictly: a baseline is committed and hand-edited, so mistakes must show.</summary>
internal static class BaselineReader
{
    public static BenchmarkRun Read(JsonElement root, string source)
    {
        var fields = new JsonFields(source);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ResultsFormatException(source, $"not a PerfGate baseline: the document is {JsonFields.Describe(root)}, expected an object");
        }

        var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (format is null)
        {
            throw new ResultsFormatException(source, $"not a PerfGate baseline: no \"format\": \"{BaselineFile.Format}\"");
        }

        if (format != BaselineFile.Format)
        {
            throw new ResultsFormatException(source, $"unsupported baseline format '{format}', expected '{BaselineFile.Format}'");
        }

        var benchmarks = fields.Array(root, "benchmarks", "$") ?? throw new ResultsFormatException(source, "'benchmarks' array is missing");
        var results = ImmutableArray.CreateBuilder<BenchmarkResult>(benchmarks.GetArrayLength());
        var index = 0;
        foreach (var b in benchmarks.EnumerateArray())
        {
            results.Add(ReadResult(b, fields, $"benchmarks[{index++}]"));
        }

        var createdAt = fields.String(root, "createdAt", "$");
        DateTimeOffset? timestamp = null;
        if (createdAt is not null)
        {
            timestamp = DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
                ? t
                : throw fields.Fail("createdAt", $"not a date and time: '{createdAt}'");
        }

        var detail = fields.String(root, "detail", "$");
        return new BenchmarkRun
        {
            Host = ReadHost(root, fields),
            Results = results.MoveToImmutable(),
            Metrics = ReadMetrics(root, fields, "$"),
            Detail = detail is null ? ResultDetail.Measurements : Enum.TryParse<ResultDetail>(detail, out var d) ? d : throw fields.Fail("detail", $"unknown value '{detail}'"),
            Sources = [source],
            Commit = fields.String(root, "commit", "$"),
            Branch = fields.String(root, "branch", "$"),
            Timestamp = timestamp,
        };
    }

    private static HostFingerprint ReadHost(JsonElement root, JsonFields fields)
    {
        if (fields.Object(root, "host", "$") is not { } h)
        {
            return HostFingerprint.Unknown;
        }

        string Text(string name) => fields.String(h, name, "host") ?? "unknown";
        return new HostFingerprint(Text("os"), Text("processor"), (int)(fields.Number(h, "logicalCores", "host") ?? 0), Text("runtime"), Text("architecture"), Text("benchmarkDotNetVersion"));
    }

    private static BenchmarkResult ReadResult(JsonElement b, JsonFields fields, string at)
    {
        if (b.ValueKind != JsonValueKind.Object)
        {
            throw fields.Fail(at, $"expected an object, found {JsonFields.Describe(b)}");
        }

        string Required(string name) => fields.String(b, name, at) is { Length: > 0 } s ? s : throw fields.Fail(at, $"'{name}' is required");
        var id = new BenchmarkId(Required("type"), Required("method"), fields.String(b, "parameters", at) ?? "", fields.String(b, "job", at) ?? "");
        var key = fields.String(b, "id", at);
        if (key is not null && key != id.Key)
        {
            throw fields.Fail(at, $"'id' is '{key}' but its parts make '{id.Key}' (edit the parts, the id follows them)");
        }

        TimeStatistics? statistics = null;
        if (fields.Object(b, "statistics", at) is { } s)
        {
            var sa = $"{at}.statistics";
            double Need(string name) => fields.Number(s, name, sa) ?? double.NaN;
            statistics = new TimeStatistics((int)Need("n"), Need("mean"), Need("median"), Need("standardDeviation"), Need("min"), Need("max"),
                fields.Number(s, "p5", sa), fields.Number(s, "p95", sa), fields.Number(s, "standardError", sa));
        }

        var launches = ImmutableArray.CreateBuilder<Launch>();
        if (fields.Array(b, "launches", at) is { } array)
        {
            var i = 0;
            foreach (var launch in array.EnumerateArray())
            {
                var la = $"{at}.launches[{i++}]";
                var index = fields.Number(launch, "index", la) ?? throw fields.Fail(la, "'index' is required");
                launches.Add(new Launch((int)index, ReadValues(launch, "nanosecondsPerOperation", fields, la)));
            }
        }

        var originalValues = ReadValues(b, "originalValues", fields, at);
        if (originalValues.IsEmpty && launches.Count > 0)
        {
            // The writer leaves them out when launches hold the same numbers (BDN's OriginalValues are the launches in order).
            originalValues = [.. launches.SelectMany(l => l.NanosecondsPerOperation)];
        }

        return new BenchmarkResult
        {
            Id = id,
            FullName = fields.String(b, "fullName", at) ?? "",
            Statistics = statistics,
            AllocatedBytesPerOperation = fields.Number(b, "allocatedBytesPerOperation", at),
            Metrics = ReadMetrics(b, fields, at),
            Launches = launches.ToImmutable(),
            OriginalValues = originalValues,
        };
    }

    private static ImmutableArray<double> ReadValues(JsonElement parent, string name, JsonFields fields, string at)
    {
        if (fields.Array(parent, name, at) is not { } array)
        {
            return [];
        }

        var values = ImmutableArray.CreateBuilder<double>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values.Add(fields.Number(item, $"{at}.{name}[{i++}]") ?? double.NaN);
        }

        return values.MoveToImmutable();
    }

    private static ImmutableArray<MetricValue> ReadMetrics(JsonElement parent, JsonFields fields, string at)
    {
        if (fields.Array(parent, "metrics", at) is not { } array)
        {
            return [];
        }

        var metrics = ImmutableArray.CreateBuilder<MetricValue>(array.GetArrayLength());
        var i = 0;
        foreach (var m in array.EnumerateArray())
        {
            var ma = $"{at}.metrics[{i++}]";
            var id = fields.String(m, "id", ma) ?? throw fields.Fail(ma, "'id' is required");
            metrics.Add(new MetricValue(
                id,
                fields.String(m, "name", ma) ?? id,
                fields.Number(m, "value", ma) ?? throw fields.Fail(ma, "'value' is required"),
                fields.String(m, "unit", ma) ?? "",
                fields.Boolean(m, "biggerIsBetter", ma) ?? false,
                fields.Boolean(m, "deterministic", ma) ?? false));
        }

        return metrics.MoveToImmutable();
    }
}
