namespace PerfGate.Cli.Output;

/// <summary>A table column: <see cref="Header"/> for people, <see cref="Key"/> for CSV headers and JSON properties.</summary>
public sealed record Column(string Header, string Key, bool AlignRight = false)
{
    public static Column Text(string header, string key) => new(header, key);

    public static Column Number(string header, string key) => new(header, key, AlignRight: true);
}
