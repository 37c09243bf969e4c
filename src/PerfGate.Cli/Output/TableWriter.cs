using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PerfGate.Cli.Output;

/// <summary>
/// Writes tables for people and documents for programs. On a terminal a table is drawn by Spectre.Console; when the
/// output is a file or a pipe it is plain aligned text (no colour, no box characters), so it greps and diffs well.
/// Cell text never breaks a row: control characters are shown as spaces.
/// </summary>
public static class TableWriter
{
    /// <summary>Writes the table as a table (terminal or plain) or as CSV; JSON documents go through <see cref="WriteJson"/>.</summary>
    public static void Write(Table table, OutputFormat format, CliEnvironment env)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(table, env.Out);
                break;
            case OutputFormat.Json:
                WriteJson(Rows(table), CliJson.Documents.Rows, env.Out);
                break;
            default:
                if (env.IsTerminal)
                {
                    WriteSpectre(table, env);
                }
                else
                {
                    WritePlain(table, env.Out);
                }

                break;
        }
    }

    /// <summary>The table's rows as JSON-ready objects keyed by column key (for embedding in a verb's JSON document).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(Table table) =>
        [.. table.Rows.Select(row => (IReadOnlyDictionary<string, object?>)table.Columns
            .Select((c, i) => (c.Key, row[i].Value))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))];

    /// <summary>Serialises a document with its generated metadata (<see cref="CliJson.Documents"/>): camelCase names, NaN and infinities as null.</summary>
    public static void WriteJson<T>(T document, JsonTypeInfo<T> type, TextWriter output)
    {
        output.Write(JsonSerializer.Serialize(document, type));
        output.WriteLine();
    }

    public static void WriteCsv(Table table, TextWriter output)
    {
        output.WriteLine(string.Join(',', table.Columns.Select(c => CsvField(c.Key))));
        foreach (var row in table.Rows)
        {
            output.WriteLine(string.Join(',', row.Select(cell => CsvField(CsvText(cell.Value)))));
        }
    }

    public static void WritePlain(Table table, TextWriter output)
    {
        var texts = table.Rows.Select(row => row.Select(c => OneLine(c.Text)).ToArray()).ToList();
        var widths = table.Columns.Select((c, i) => texts.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        if (table.Title.Length > 0)
        {
            output.WriteLine(table.Title);
        }

        output.WriteLine(Line(table.Columns.Select(c => c.Header).ToArray()));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in texts)
        {
            output.WriteLine(Line(row));
        }

        string Line(string[] cells) => string.Join("  ", cells.Select((text, i) =>
            table.Columns[i].AlignRight ? text.PadLeft(widths[i]) : text.PadRight(widths[i]))).TrimEnd();
    }

    private static void WriteSpectre(Table table, CliEnvironment env)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (TerminalWidth() is { } width)
        {
            console.Profile.Width = width;
        }

        var grid = new Spectre.Console.Table { Border = TableBorder.Rounded };
        if (table.Title.Length > 0)
        {
            grid.Title = new TableTitle(Markup.Escape(table.Title));
        }

        foreach (var column in table.Columns)
        {
            var c = new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold)));
            grid.AddColumn(column.AlignRight ? c.RightAligned() : c);
        }

        foreach (var row in table.Rows)
        {
            grid.AddRow(row.Select(cell => (IRenderable)new Text(OneLine(cell.Text), StyleOf(cell.Text))).ToArray());
        }

        console.Write(grid);
    }

    /// <summary>The real console's width when there is one (Spectre cannot see it through a wrapped writer).</summary>
    private static int? TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? null : Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Colours the status words every verb uses; everything else is plain.</summary>
    private static Style StyleOf(string text) => text switch
    {
        _ when text.Contains("critical", StringComparison.OrdinalIgnoreCase) => new Style(Color.Red, decoration: Decoration.Bold),
        _ when text.Contains("error", StringComparison.OrdinalIgnoreCase) || text.Contains("fail", StringComparison.OrdinalIgnoreCase) => new Style(Color.Red),
        _ when text.Contains("warning", StringComparison.OrdinalIgnoreCase) => new Style(Color.Yellow),
        _ => Style.Plain,
    };

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            sb.Append(char.IsControl(ch) ? ' ' : ch);
        }

        return sb.ToString();
    }

    /// <summary>A raw value as CSV text: empty for null, NaN and infinities; round-trip doubles; ISO 8601 UTC times; invariant culture.</summary>
    public static string CsvText(object? value) => value switch
    {
        null => string.Empty,
        double d when !double.IsFinite(d) => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>RFC 4180: quote fields holding a comma, quote or line break; double inner quotes. A leading =, +, - or @ is prefixed with a quote so spreadsheets do not run it as a formula.</summary>
    public static string CsvField(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0], StringComparison.Ordinal) && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
