namespace PerfGate.Cli.Tests;

/// <summary>Checks that hostile text did not break a markdown document's tables.</summary>
internal static class MarkdownTables
{
    /// <summary>
    /// Every row of every GFM table outside fenced blocks has its header's number of cells (an unescaped '|' or a
    /// newline in a name would add or split cells), and there is at least one table.
    /// </summary>
    public static void ShouldKeepTheirColumns(string markdown, string document)
    {
        var inFence = false;
        int? columns = null;
        var tables = 0;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || !line.StartsWith('|'))
            {
                columns = null;
                continue;
            }

            var cells = Cells(line);
            if (columns is null)
            {
                columns = cells;
                tables++;
            }
            else
            {
                cells.ShouldBe(columns.Value, $"{document}: a row lost or gained a column: {line[..Math.Min(200, line.Length)]}");
            }
        }

        tables.ShouldBeGreaterThan(0, document);
    }

    /// <summary>Cells of a GFM table row: pipes not escaped by an odd number of backslashes, minus the outer two.</summary>
    public static int Cells(string row)
    {
        var pipes = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] != '|')
            {
                continue;
            }

            var backslashes = 0;
            for (var j = i - 1; j >= 0 && row[j] == '\\'; j--)
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                pipes++;
            }
        }

        return pipes - 1;
    }
}
