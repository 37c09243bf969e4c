using System.Text;

namespace PerfGate.Cli.Tests;

/// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes), independent of the writer under test.</summary>
internal static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                field.Length.ShouldBe(0, "a quote may only open a field");
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        quoted.ShouldBeFalse("unterminated quoted field");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    /// <summary>Records as dictionaries keyed by the header row; every record must have the header's field count.</summary>
    public static List<Dictionary<string, string>> Rows(string text)
    {
        var records = Parse(text);
        records.ShouldNotBeEmpty();
        var header = records[0];
        return [.. records.Skip(1).Select(r =>
        {
            r.Length.ShouldBe(header.Length);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        })];
    }
}
