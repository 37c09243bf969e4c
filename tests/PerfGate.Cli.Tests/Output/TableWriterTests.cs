using System.Text.Json;
using PerfGate.Cli.Output;

namespace PerfGate.Cli.Tests.Output;

public sealed class TableWriterTests
{
    private static Table Sample() => new Table("Benchmarks", Column.Text("Benchmark", "name"), Column.Number("Median", "medianNs"), Column.Text("Seen", "at"))
        .Add("Parse", Cell.Of("1.23 μs", 1234.5), Cell.Of("2026-11-30", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)))
        .Add("Join, \"quoted\"\nline", Cell.Of("–", double.NaN), Cell.Of("", null))
        .Add("=HYPERLINK(\"x\")", Cell.Of("-5", -5.0), "@sum");

    private static string Write(OutputFormat format, bool terminal = false)
    {
        var env = new CliEnvironment(new StringWriter(), new StringWriter(), new Dictionary<string, string?>(), "/", TimeProvider.System) { IsTerminal = terminal };
        TableWriter.Write(Sample(), format, env);
        return env.Out.ToString()!;
    }

    [Fact]
    public void Plain_text_keeps_one_line_per_row_and_right_aligns_numbers()
    {
        var lines = Write(OutputFormat.Table).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        lines.Length.ShouldBe(2 + 1 + 3); // title, header, rule, three rows
        lines[0].ShouldBe("Benchmarks");
        lines[3].ShouldStartWith("Parse ");
        lines[4].ShouldContain("Join, \"quoted\" line");          // the newline became a space
        lines[5].IndexOf("-5", StringComparison.Ordinal).ShouldBe(lines[3].IndexOf("1.23 μs", StringComparison.Ordinal) + "1.23 μs".Length - 2);
        string.Concat(lines).ShouldNotContain("│");
    }

    [Fact]
    public void A_terminal_gets_a_drawn_table()
    {
        var text = Write(OutputFormat.Table, terminal: true);

        text.ShouldContain("│");
        text.ShouldContain("Parse");
        text.ShouldContain("1.23 μs");
    }

    [Fact]
    public void Csv_quotes_per_rfc_4180_carries_raw_values_and_defuses_formulas()
    {
        var lines = Write(OutputFormat.Csv).Replace("\r\n", "\n", StringComparison.Ordinal);

        lines.ShouldBe(
            "name,medianNs,at\n" +
            "Parse,1234.5,2026-11-30T12:00:00Z\n" +
            "\"Join, \"\"quoted\"\"\nline\",,\n" +
            "\"'=HYPERLINK(\"\"x\"\")\",-5,'@sum\n");
    }

    [Fact]
    public void Json_rows_use_column_keys_and_null_for_nan()
    {
        using var doc = JsonDocument.Parse(Write(OutputFormat.Json));
        var rows = doc.RootElement.EnumerateArray().ToArray();

        rows.Length.ShouldBe(3);
        rows[0].GetProperty("medianNs").GetDouble().ShouldBe(1234.5);
        rows[0].GetProperty("at").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        rows[1].GetProperty("medianNs").ValueKind.ShouldBe(JsonValueKind.Null);
        rows[1].GetProperty("name").GetString().ShouldBe("Join, \"quoted\"\nline");
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused()
    {
        Should.Throw<ArgumentException>(() => new Table("t", Column.Text("A", "a")).Add("x", "y"))
            .Message.ShouldContain("'t' has 1 columns");
    }
}
