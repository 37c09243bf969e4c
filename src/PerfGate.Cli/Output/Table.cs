namespace PerfGate.Cli.Output;

/// <summary>A titled table of cells, written by <see cref="TableWriter"/> in any <see cref="OutputFormat"/>.</summary>
public sealed class Table(string title, params Column[] columns)
{
    private readonly List<Cell[]> _rows = [];

    public string Title { get; } = title;

    public IReadOnlyList<Column> Columns { get; } = columns;

    public IReadOnlyList<IReadOnlyList<Cell>> Rows => _rows;

    public Table Add(params Cell[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"'{Title}' has {Columns.Count} columns; a row of {cells.Length} cells was added.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }
}
