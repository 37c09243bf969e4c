namespace PerfGate.Sample.Services;

/// <summary>The file formats <see cref="ExportService.ExportToFile"/> writes (and <see cref="ImportService"/> reads).</summary>
public enum ExportFormat
{
    Json,
    Csv,
}

/// <summary>What an export wrote: the file (full path), its format, how many definitions and how many bytes.</summary>
public sealed record ExportReport(string Path, ExportFormat Format, int Definitions, long Bytes);
