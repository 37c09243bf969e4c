using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfGate.Sample.Definitions;

namespace PerfGate.Sample.Services;

/// <summary>Serialises definitions to JSON or CSV text (lazy: export only).</summary>
public sealed class ExportService
{
    public const string CsvHeader = "id,term,context,status,text";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly DefinitionRepository _repository;

    public ExportService(DefinitionRepository repository) => _repository = repository;

    public string ToJson() => ToJson(_repository.All());

    public string ToCsv() => ToCsv(_repository.All());

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
