using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>
/// The compact JSON the page's script reads. Times are whole seconds relative to <c>base</c> (the
/// earliest point). A point is its value plus an index into the shared <c>runs</c> table
/// ([run id, commit, branch, time]), so a run's commit and time are written once, not once per series;
/// values keep 6 significant digits, far finer than benchmark noise. Not a public format: only the page
/// reads it.
/// </summary>
internal static class DashboardJson
{
    /// <summary>An alert is drawn on the point of its series nearest in time, if one is this close.</summary>
    internal static readonly TimeSpan AlertPointTolerance = TimeSpan.FromHours(24);

    // JavaScriptEncoder.Default escapes <, >, &, quotes and everything outside ASCII (U+2028/2029
    // included) as \uXXXX, so no text can close the <script> block or break the JS parser.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <summary>The first cards, as text the page shows as it is (the same words as the terminal and <c>perfgate status</c>); absent without a run.</summary>
    private static void WriteComposite(Utf8JsonWriter w, DashboardComposite composite)
    {
        w.WriteStartObject("composite");
        w.WriteNumber("run", composite.RunId);
        w.WriteString("commit", composite.Commit);
        w.WriteNumber("time", composite.Time.ToUnixTimeSeconds());
        w.WriteString("index", composite.Index is { } index ? CompositeText.IndexValue(index) : "–");
        w.WriteString("indexDetail", CompositeText.Index(composite.Index));
        w.WriteString("indexSeverity", composite.Index is { } i ? Tiers.Name(i.Severity) : "none");
        w.WriteString("score", composite.Score is { } score ? Units.SignedPercent(score.Percent) : "–");
        w.WriteString("scoreDetail", CompositeText.Score(composite.Score));
        w.WriteEndObject();
    }

    public static string Write(DashboardData data)
    {
        var series = data.Series.IsDefault ? [] : data.Series;
        var alerts = data.Alerts.IsDefault ? [] : data.Alerts;
        var points = series.Select(s => s.Points.IsDefault ? [] : s.Points.OrderBy(p => p.Time).ToImmutableArray()).ToImmutableArray();
        var baseTime = points.SelectMany(p => p).Select(p => p.Time).DefaultIfEmpty(data.GeneratedAt).Min().ToUnixTimeSeconds();
        var runs = new Dictionary<(long, string?, string, long), int>();
        var seriesIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < series.Length; i++)
        {
            seriesIndex.TryAdd(series[i].Id, i);
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("title", data.Title);
            w.WriteString("note", data.Note);
            w.WriteNumber("generated", data.GeneratedAt.ToUnixTimeSeconds());
            w.WriteNumber("base", baseTime);

            w.WriteStartArray("series");
            for (var i = 0; i < series.Length; i++)
            {
                WriteSeries(w, series[i], points[i], baseTime, runs);
            }

            w.WriteEndArray();

            w.WriteStartArray("runs");
            foreach (var ((runId, commit, branch, time), _) in runs.OrderBy(r => r.Value))
            {
                w.WriteStartArray();
                w.WriteNumberValue(runId);
                w.WriteStringValue(commit);
                w.WriteStringValue(branch);
                w.WriteNumberValue(time);
                w.WriteEndArray();
            }

            w.WriteEndArray();

            w.WriteStartArray("alerts");
            foreach (var alert in alerts.OrderByDescending(a => a.Time).ThenByDescending(a => a.Id))
            {
                var index = seriesIndex.TryGetValue(alert.SeriesId, out var found) ? found : -1;
                WriteAlert(w, alert, index, index < 0 ? -1 : NearestPoint(points[index], alert.Time), baseTime);
            }

            w.WriteEndArray();
            if (data.Composite is { } composite)
            {
                WriteComposite(w, composite);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSeries(Utf8JsonWriter w, DashboardSeries s, ImmutableArray<DashboardPoint> points, long baseTime, Dictionary<(long, string?, string, long), int> runs)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.DisplayName);
        w.WriteString("unit", s.Unit);
        w.WriteBoolean("bib", s.BiggerIsBetter);
        WriteNumberOrNull(w, "median", s.BaselineMedian);
        WriteNumberOrNull(w, "p5", s.P5);
        WriteNumberOrNull(w, "p95", s.P95);
        WriteNumberOrNull(w, "target", s.Target);

        w.WriteStartArray("v");
        foreach (var p in points)
        {
            WriteNumberValueOrNull(w, p.Value);
        }

        w.WriteEndArray();
        w.WriteStartArray("r");
        foreach (var p in points)
        {
            var key = (p.RunId, p.Commit, p.Branch ?? "", p.Time.ToUnixTimeSeconds() - baseTime);
            if (!runs.TryGetValue(key, out var run))
            {
                run = runs.Count;
                runs.Add(key, run);
            }

            w.WriteNumberValue(run);
        }

        w.WriteEndArray();
        if (!s.Steps.IsDefaultOrEmpty)
        {
            // [time, percent, label] per step; absent when the series has none (older pages and most series).
            w.WriteStartArray("steps");
            foreach (var step in s.Steps)
            {
                w.WriteStartArray();
                w.WriteNumberValue(step.Time.ToUnixTimeSeconds() - baseTime);
                w.WriteNumberValue(Round6(step.Percent));
                w.WriteStringValue(step.Label);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteAlert(Utf8JsonWriter w, DashboardAlert a, int series, int point, long baseTime)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteNumber("t", a.Time.ToUnixTimeSeconds() - baseTime);
        w.WriteNumber("s", series);
        w.WriteNumber("p", point);
        w.WriteString("sid", a.SeriesId);
        w.WriteString("tier", a.Tier);
        w.WriteString("sev", a.Severity);
        w.WriteString("metric", a.Metric);
        WriteNumberOrNull(w, "cur", a.Current);
        WriteNumberOrNull(w, "exp", a.Expected);
        WriteNumberOrNull(w, "chg", a.ChangePercent);
        w.WriteString("msg", a.Message);
        w.WriteBoolean("ack", a.Acknowledged);
        w.WriteString("by", a.AcknowledgedBy);
        if (a.AcknowledgedAt is { } at)
        {
            w.WriteNumber("at", at.ToUnixTimeSeconds() - baseTime);
        }
        else
        {
            w.WriteNull("at");
        }

        w.WriteString("notes", a.Notes);
        w.WriteEndObject();
    }

    /// <summary>Index of the point nearest <paramref name="time"/> within the tolerance, or -1.</summary>
    internal static int NearestPoint(ImmutableArray<DashboardPoint> points, DateTimeOffset time)
    {
        var best = -1;
        var bestDistance = AlertPointTolerance;
        for (var i = 0; i < points.Length; i++)
        {
            var distance = (points[i].Time - time).Duration();
            if (distance <= bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        WriteNumberValueOrNull(w, value);
    }

    // NaN and ±Infinity have no JSON form: they become null, and the page leaves a gap.
    private static void WriteNumberValueOrNull(Utf8JsonWriter w, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumberValue(Round6(v));
        }
        else
        {
            w.WriteNullValue();
        }
    }

    // "G6" then parse gives the double nearest the 6-digit decimal, which the writer prints as that short decimal.
    internal static double Round6(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
