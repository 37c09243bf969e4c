using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>Parses what <see cref="ExportService"/> writes (lazy: import only).</summary>
public sealed class ImportService
{
    public ImmutableArray<Definition> FromJson(string json) =>
        [.. JsonSerializer.Deserialize<List<Definition>>(json, ExportService.JsonOptions) ?? []];

    public ImmutableArray<Definition> FromCsv(string csv)
    {
        var records = CsvText.Parse(csv);
        if (records.Count == 0 || !string.Equals(string.Join(',', records[0]), ExportService.CsvHeader, StringComparison.Ordinal))
        {
            throw new FormatException($"CSV must start with the header '{ExportService.CsvHeader}'.");
        }

        return [.. records.Skip(1).Select((fields, row) => fields.Count == 5
            ? new Definition(int.Parse(fields[0], CultureInfo.InvariantCulture), fields[1], fields[2], fields[4], Enum.Parse<DefinitionStatus>(fields[3]))
            : throw new FormatException($"CSV record {row + 2} has {fields.Count} fields; expected 5."))];
    }
}
