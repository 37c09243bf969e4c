using System.Text;

namespace PerfGate.Core.Rendering;

/// <summary>Makes arbitrary text (benchmark names, notes) safe to place in GitHub-flavoured markdown, including table cells.</summary>
public static class MarkdownText
{
    /// <summary>
    /// Escapes text so it renders literally: markdown punctuation gets a backslash, HTML-significant characters
    /// become entities (so a name like <c>List&lt;int&gt;</c> cannot open a tag), and line breaks become spaces
    /// (a newline would end a table row).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '\r':
                    builder.Append(' ');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// An inline code span for text outside tables: the fence is one backtick longer than the longest run inside
    /// (CommonMark §6.1), so a name containing backticks cannot close it early. Line breaks become spaces.
    /// </summary>
    public static string Code(string? text)
    {
        var flat = (text ?? string.Empty).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        var longest = 0;
        var run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : string.Empty;
        return fence + pad + flat + pad + fence;
    }
}
