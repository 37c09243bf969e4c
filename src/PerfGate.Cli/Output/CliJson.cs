using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Cli.Output;

/// <summary>
/// Metadata for the JSON documents the verbs print (<c>--format json</c>), from System.Text.Json's source generator: no
/// reflection at run time, so the same code runs in the JIT build and in the Native AOT binary
/// (scripts/publish-native.sh). This context is the serializer's only resolver, so a document or cell type that is not
/// registered here fails with <see cref="NotSupportedException"/> in every build, and the tests see it.
/// <para>
/// <see cref="TableWriter.Rows"/> cells are <c>object?</c>: each is written by its run-time type, which must be one of
/// the cell types below (what <see cref="Cell.Value"/> holds: a number, a string, a bool, a time, or null).
/// </para>
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(FiniteDoubleConverter)])]
[JsonSerializable(typeof(IReadOnlyList<IReadOnlyDictionary<string, object?>>), TypeInfoPropertyName = "Rows")]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(ReportDocument))]
[JsonSerializable(typeof(CompareDocument))]
[JsonSerializable(typeof(AlertsDocument))]
// Cell values.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>
    /// The documents' settings: camelCase names, indented, NaN and infinities as null, and relaxed escaping (people
    /// read these documents; they are not embedded in HTML). The encoder is the one setting the generator's attribute
    /// cannot carry, hence options made here rather than <c>Default</c>.
    /// </summary>
    public static CliJson Documents { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteDoubleConverter() },
    });
}

/// <summary>JSON has no NaN or infinity: they are written as null (and read back as NaN).</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
