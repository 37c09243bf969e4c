namespace PerfGate.Cli.Output;

/// <summary>
/// One table cell: <see cref="Text"/> is what people read (units, signs, symbols); <see cref="Value"/> is what CSV and
/// JSON carry (a number in the series' base unit, a string, a bool, a time, or null).
/// </summary>
public readonly record struct Cell(string Text, object? Value)
{
    public static implicit operator Cell(string? text) => new(text ?? string.Empty, text);

    public static Cell Of(string text, object? value) => new(text, value);
}
