using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PerfGate.Cli.Output;

namespace PerfGate.Cli.Tests.Output;

/// <summary>
/// The verbs' JSON documents come from generated metadata (<see cref="CliJson"/>, so the Native AOT binary can write
/// them). Byte for byte, they must be what the reflection-based serializer wrote with the options TableWriter had
/// before: every document type, and cells of every kind (NaN and infinities, negative zero, extreme numbers, times with
/// offsets, text that needs escaping, nulls).
/// </summary>
public sealed class CliJsonTests
{
    /// <summary>TableWriter's former options (runtime reflection, fine in a test process).</summary>
    private static readonly JsonSerializerOptions Reflection = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new FiniteDoubleConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 30, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1234567);

    /// <summary>Every kind of value a <see cref="Cell"/> holds, each in its own column.</summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows()
    {
        var table = new Table(
            "cells",
            Column.Text("Text", "text"),
            Column.Number("Double", "double"),
            Column.Number("Long", "long"),
            Column.Number("Int", "int"),
            Column.Text("Bool", "bool"),
            Column.Text("Time", "time"),
            Column.Text("Missing", "missing"));
        table.Add("Join(Count=100, Separator=a b) <é> & 'x' \"y\"\t\n\u2028 🙂", Cell.Of("", 1234.5), Cell.Of("", long.MaxValue), Cell.Of("", -7), Cell.Of("", true), Cell.Of("", At), Cell.Of("", null));
        table.Add("", Cell.Of("", double.NaN), Cell.Of("", long.MinValue), Cell.Of("", 0), Cell.Of("", false), Cell.Of("", DateTimeOffset.MinValue), Cell.Of("", (double?)null));
        table.Add("\\", Cell.Of("", double.PositiveInfinity), Cell.Of("", (long?)42), Cell.Of("", (int?)null), Cell.Of("", (bool?)null), Cell.Of("", (DateTimeOffset?)At.ToUniversalTime()), Cell.Of("", 1e-300));
        table.Add("-", Cell.Of("", double.NegativeInfinity), Cell.Of("", -0.0), Cell.Of("", double.MaxValue), Cell.Of("", 0.1 + 0.2), Cell.Of("", double.Epsilon), Cell.Of("", -1e21));
        return TableWriter.Rows(table);
    }

    [Fact]
    public void Rows_of_every_cell_kind()
    {
        var rows = Rows();

        var written = SameAsReflection(rows, CliJson.Documents.Rows);

        written.ShouldContain("\"double\": null"); // NaN
        written.ShouldContain("<é> & 'x'");        // relaxed escaping
    }

    [Fact]
    public void The_status_document()
    {
        var document = new StatusDocument(
            new StatusRun(12, At, "main", "0123abcd", 7, "linux-x64/abc"),
            7,
            [new StatusStep("key", "Join(Count=100)", 12.5, double.NaN, double.PositiveInfinity, 0.001, 9, null, At, 20, 10, "12.5% slower since #9")],
            Rows(),
            new StatusCounts(1, 2, 3, 4, 10, 5, 6),
            new StatusIndex(87.5, 3, 2),
            new StatusScore(-3.25, null, -1, 24, "the baseline", "spread"));

        SameAsReflection(document, CliJson.Documents.StatusDocument).ShouldContain("\"pValue\": 0.001");
        SameAsReflection(document with { Steps = [], PerformanceIndex = null, RegressionScore = null, Run = document.Run with { Commit = null, PullRequest = null } }, CliJson.Documents.StatusDocument)
            .ShouldContain("\"performanceIndex\": null");
    }

    [Fact]
    public void The_report_document()
    {
        var counts = new ReportReviewCounts(5, 1, 1, 2, 1, 0, 0, 5, 0.4);
        var document = new ReportDocument(
            At.AddDays(-7),
            At,
            null,
            30,
            2,
            Rows(),
            new ReportAlertCounts(1, 2, 3, 6, 4),
            new ReportAlertQuality(counts, [new ReportSeriesQuality("key", "Join", counts with { FalseAlarmRate = null }, "raise the noise floor")]));

        SameAsReflection(document, CliJson.Documents.ReportDocument).ShouldContain("\"falseAlarmRate\": null");
    }

    [Fact]
    public void The_compare_document()
    {
        var document = new CompareDocument(
            new CompareSide("run", 1, "abc", "main", At, null, "run #1"),
            new CompareSide("path", null, null, null, null, "/tmp/results", "results on disk"),
            false,
            Rows(),
            ["runner shift: every benchmark moved", "second note"]);

        SameAsReflection(document, CliJson.Documents.CompareDocument).ShouldContain("\"passed\": false");
    }

    [Fact]
    public void The_alerts_document()
    {
        var document = new AlertsDocument(Rows(), new AlertsCounts(6, 1, 2, 3, 4, 2));

        SameAsReflection(document, CliJson.Documents.AlertsDocument).ShouldContain("\"open\": 2");
    }

    /// <summary>Writes <paramref name="document"/> as the verbs do and asserts the reflection serializer's exact text; returns it.</summary>
    private static string SameAsReflection<T>(T document, JsonTypeInfo<T> type)
    {
        var output = new StringWriter();
        TableWriter.WriteJson(document, type, output);

        var expected = JsonSerializer.Serialize(document, document!.GetType(), Reflection) + output.NewLine;
        output.ToString().ShouldBe(expected);
        return output.ToString();
    }
}
