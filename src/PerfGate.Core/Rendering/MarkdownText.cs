using System.Text;

namespace PerfGate.Core.Rendering;

/// <summary>Escapes text for a GitHub markdown table cell: nothing in a benchmark name can break the table or inject HTML.</summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '|' => "\\|",
                '`' => "\\`",
                '*' => "\\*",
                '_' => "\\_",
                '[' => "\\[",
                ']' => "\\]",
                '\\' => "\\\\",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' or '\n' or '\t' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
