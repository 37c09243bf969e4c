using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>
/// Serialises definitions to JSON or CSV text, and exports the repository to a file (EXP-001, the seeds'
/// <c>ExportService.export()</c>, "export to file"). Lazy: built on the first export only.
/// </summary>
public sealed class ExportService
{
    public const string CsvHeader = "id,term,context,status,text";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly DefinitionRepository _repository;

    public ExportService(DefinitionRepository repository) => _repository = repository;

    public string ToJson() => ToJson(_repository.All());

    public string ToCsv() => ToCsv(_repository.All());

    /// <summary>
    /// Writes every stored definition to <paramref name="path"/> in <paramref name="format"/> (UTF-8, no byte order
    /// mark), creating the folder when needed. The text goes to a temporary file beside it first and replaces the file
    /// in one move, so a failed export leaves the previous file, never half of a new one.
    /// </summary>
    public ExportReport ExportToFile(string path, ExportFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var definitions = _repository.All();
        var text = format switch
        {
            ExportFormat.Json => ToJson(definitions),
            ExportFormat.Csv => ToCsv(definitions),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Export formats are Json and Csv."),
        };

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"Cannot export to '{full}': it is a folder; name a file.");
        }

        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(temporary, text, Utf8);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return new ExportReport(full, format, definitions.Length, Utf8.GetByteCount(text));
    }

    public static string ToJson(IEnumerable<Definition> definitions) => JsonSerializer.Serialize(definitions, JsonOptions);

    public static string ToCsv(IEnumerable<Definition> definitions)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var d in definitions)
        {
            text.Append(d.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvText.Quote(d.Term)).Append(',')
                .Append(CsvText.Quote(d.Context)).Append(',')
                .Append(d.Status).Append(',')
                .Append(CsvText.Quote(d.Text)).Append('\n');
        }

        return text.ToString();
    }
}
