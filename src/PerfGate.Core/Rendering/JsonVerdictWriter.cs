using System.Text.Encodings.Web;
using System.Text.Json;
using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>
/// The machine-readable verdict (<c>perfgate-verdict.json</c>), documented in <c>docs/verdict-schema.md</c> and
/// <c>docs/verdict.schema.json</c>. camelCase, enums as lower-case strings, times in nanoseconds, NaN and
/// infinities as <c>null</c>. Bump <see cref="SchemaVersion"/> on any breaking change.
/// </summary>
public static class JsonVerdictWriter
{
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // The file is read by tools, never embedded in HTML: keep names like List<int> and "μs" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Verdict verdict, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        Write(verdict, writer);
    }

    /// <summary>The bytes <see cref="Write(Verdict, Stream)"/> writes.</summary>
    public static byte[] Render(Verdict verdict)
    {
        using var buffer = new MemoryStream();
        Write(verdict, buffer);
        return buffer.ToArray();
    }

    public static void Write(Verdict verdict, TextWriter textWriter)
    {
        using var buffer = new MemoryStream();
        Write(verdict, buffer);
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    public static string ToJson(Verdict verdict)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(verdict, text);
        return text.ToString();
    }

    private static void Write(Verdict verdict, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteBoolean("passed", verdict.Passed);
        w.WriteString("severity", Tiers.Name(verdict.Severity));

        w.WriteStartObject("counts");
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            w.WriteNumber(CountName(kind), verdict.Count(kind));
        }

        w.WriteNumber("tooNoisy", verdict.Benchmarks.Count(b => b.TooNoisy));
        w.WriteNumber("failing", verdict.Benchmarks.Count(b => b.Fails) + verdict.Metrics.Count(m => m.Fails));
        w.WriteNumber("undecided", verdict.Benchmarks.Count(b => b.Outcome == AbOutcome.Undecided));
        w.WriteEndObject();

        if (verdict.RunnerShiftPercent is { } shift)
        {
            Number(w, "runnerShiftPercent", shift);
        }
        else
        {
            w.WriteNull("runnerShiftPercent");
        }

        // A single run measured on a disturbed runner: its time could not fail (docs/how-the-gate-decides.md).
        if (verdict.DisturbedRun is { } disturbed)
        {
            w.WriteString("disturbedRun", disturbed);
        }
        else
        {
            w.WriteNull("disturbedRun");
        }

        // Set when a maintainer accepted the failures (docs/github.md): passed is then true and this says by whom.
        if (verdict.Acceptance is { } accepted)
        {
            w.WriteStartObject("acceptance");
            w.WriteString("by", accepted.By);
            w.WriteString("label", accepted.Label);
            if (accepted.PullRequest is { } pr)
            {
                w.WriteNumber("pullRequest", pr);
            }
            else
            {
                w.WriteNull("pullRequest");
            }

            w.WriteNumber("failing", accepted.Failing);
            w.WriteNumber("regressions", accepted.Regressions);
            if (accepted.WorstPercent is { } worst)
            {
                Number(w, "worstPercent", worst);
            }
            else
            {
                w.WriteNull("worstPercent");
            }

            w.WriteString("worstBenchmark", accepted.Worst);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("acceptance");
        }

        WriteIndex(w, verdict.PerformanceIndex);
        WriteScore(w, verdict.RegressionScore);

        var t = verdict.Thresholds;
        w.WriteStartObject("thresholds");
        Number(w, "warningPercent", t.WarningPercent);
        Number(w, "failPercent", t.FailPercent);
        Number(w, "criticalPercent", t.CriticalPercent);
        Number(w, "significanceLevel", t.SignificanceLevel);
        w.WriteNumber("historyWindow", t.HistoryWindow);
        w.WriteEndObject();

        var c = verdict.Context;
        w.WriteStartObject("context");
        String(w, "headCommit", c.HeadCommit);
        String(w, "headBranch", c.HeadBranch);
        String(w, "baselineCommit", c.BaselineCommit);
        String(w, "currentFingerprint", c.CurrentFingerprint);
        String(w, "baselineFingerprint", c.BaselineFingerprint);
        w.WriteBoolean("fingerprintMismatch", c.FingerprintMismatch);
        w.WriteNumber("historyRuns", c.HistoryRuns);
        w.WriteBoolean("hasMeasurements", c.HasMeasurements);
        if (c.Timestamp is { } ts)
        {
            w.WriteString("timestamp", ts.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("timestamp");
        }

        w.WriteEndObject();

        w.WriteStartArray("benchmarks");
        foreach (var b in VerdictOrdering.ForReport(verdict.Benchmarks))
        {
            WriteBenchmark(w, b);
        }

        w.WriteEndArray();

        w.WriteStartArray("metrics");
        foreach (var m in verdict.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("name", m.Name);
            w.WriteString("unit", m.Unit);
            w.WriteBoolean("biggerIsBetter", m.BiggerIsBetter);
            w.WriteString("severity", Tiers.Name(m.Severity));
            w.WriteBoolean("fails", m.Fails);
            Number(w, "baseline", m.Baseline);
            Number(w, "current", m.Current);
            Number(w, "changePercent", m.ChangePercent);
            Number(w, "target", m.Target);
            WriteReasons(w, m.Findings);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("notes");
        foreach (var note in verdict.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteBenchmark(Utf8JsonWriter w, BenchmarkVerdict b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("displayName", b.DisplayName);
        w.WriteString("kind", Tiers.Name(b.Kind));
        w.WriteString("severity", Tiers.Name(b.Severity));
        w.WriteBoolean("fails", b.Fails);
        w.WriteString("unit", "ns");
        Number(w, "baseline", b.Baseline);
        Number(w, "current", b.Current);
        Number(w, "changePercent", b.ChangePercent);
        Number(w, "changeLowerPercent", b.ChangeLowerPercent);
        Number(w, "changeUpperPercent", b.ChangeUpperPercent);
        Number(w, "minimumDetectableChangePercent", b.MinimumDetectableChangePercent);
        w.WriteBoolean("tooNoisy", b.TooNoisy);
        String(w, "noiseAdvice", b.NoiseAdvice);

        w.WriteStartObject("launches");
        w.WriteNumber("current", b.CurrentLaunches);
        w.WriteNumber("baseline", b.BaselineLaunches);
        w.WriteEndObject();
        if (b.Rounds is { } rounds)
        {
            w.WriteNumber("rounds", rounds);
        }
        else
        {
            w.WriteNull("rounds");
        }

        String(w, "outcome", b.Outcome is { } outcome ? BenchmarkStatus.OutcomeWord(outcome) : null);
        String(w, "outcomeText", b.OutcomeText);
        w.WriteBoolean("suspect", b.Suspect);

        w.WriteStartObject("allocated");
        w.WriteString("unit", "bytes");
        Number(w, "baseline", b.BaselineAllocatedBytes);
        Number(w, "current", b.CurrentAllocatedBytes);
        Number(w, "changePercent", b.BaselineAllocatedBytes is { } before && before != 0 && b.CurrentAllocatedBytes is { } after
            ? (after - before) / before * 100
            : null);
        w.WriteEndObject();

        w.WriteStartArray("history");
        foreach (var point in b.History)
        {
            if (double.IsFinite(point))
            {
                w.WriteNumberValue(point);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
        WriteReasons(w, b.Findings);
        w.WriteEndObject();
    }

    private static void WriteReasons(Utf8JsonWriter w, IEnumerable<Finding> findings)
    {
        w.WriteStartArray("reasons");
        foreach (var f in findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Tier))
        {
            w.WriteStartObject();
            w.WriteString("tier", Tiers.Name(f.Tier));
            w.WriteString("severity", Tiers.Name(f.Severity));
            w.WriteString("metric", f.Metric);
            w.WriteString("message", f.Message);
            w.WriteBoolean("fails", f.Fails);
            Number(w, "current", f.Current);
            Number(w, "expected", f.Expected);
            Number(w, "changePercent", f.ChangePercent);
            Number(w, "pValue", f.PValue);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string CountName(ChangeKind kind) => kind switch
    {
        ChangeKind.FailedToRun => "failedToRun",
        _ => Tiers.Name(kind),
    };

    /// <summary>Always writes the property, so consumers can rely on its presence: a number, or null when unknown or not finite.</summary>
    /// <summary><c>performanceIndex</c>: null when no target applied (docs/index-and-score.md).</summary>
    private static void WriteIndex(Utf8JsonWriter w, PerformanceIndex? index)
    {
        if (index is null)
        {
            w.WriteNull("performanceIndex");
            return;
        }

        w.WriteStartObject("performanceIndex");
        Number(w, "value", index.Value);
        w.WriteNumber("targets", index.Parts.Length);
        w.WriteNumber("targetsMet", index.TargetsMet);
        w.WriteString("severity", Tiers.Name(index.Severity));
        w.WriteStartArray("parts");
        foreach (var part in index.Parts)
        {
            w.WriteStartObject();
            w.WriteString("figure", part.Figure);
            w.WriteString("name", part.Name);
            w.WriteString("unit", part.Unit);
            Number(w, "current", part.Current);
            Number(w, "target", part.Target);
            w.WriteBoolean("biggerIsBetter", part.BiggerIsBetter);
            Number(w, "score", part.Score);
            w.WriteString("severity", Tiers.Name(part.Severity));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>regressionScore</c>: null when no benchmark had a reference (docs/index-and-score.md).</summary>
    private static void WriteScore(Utf8JsonWriter w, RegressionScore? score)
    {
        if (score is null)
        {
            w.WriteNull("regressionScore");
            return;
        }

        w.WriteStartObject("regressionScore");
        Number(w, "percent", score.Percent);
        Number(w, "lowerPercent", score.LowerPercent);
        Number(w, "upperPercent", score.UpperPercent);
        Number(w, "level", RegressionScore.Level);
        w.WriteString("interval", score.Source switch
        {
            IntervalSource.PerBenchmark => "per-benchmark",
            IntervalSource.Spread => "spread",
            _ => "none",
        });
        w.WriteNumber("benchmarks", score.Benchmarks);
        w.WriteString("reference", score.Reference);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
