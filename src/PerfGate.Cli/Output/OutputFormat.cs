namespace PerfGate.Cli.Output;

/// <summary>How a verb writes what it found: a table for people, or CSV / JSON for other programs.</summary>
public enum OutputFormat
{
    /// <summary>An aligned table (Spectre.Console's on a terminal, plain text when the output is a file or a pipe).</summary>
    Table,

    /// <summary>RFC 4180 CSV with a header row of column keys; numbers unformatted, invariant culture.</summary>
    Csv,

    /// <summary>One JSON document, camelCase property names; numbers unformatted, times in ISO 8601 UTC.</summary>
    Json,
}
