using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Core.Configuration;

/// <summary>
/// Reads a number, or a string with a time unit (<c>"500ms"</c>, <c>"1.5 s"</c>, <c>"250us"</c>, <c>"80ns"</c>) as nanoseconds,
/// so budgets in perfgate.json read like the seeds' targets.
/// </summary>
public sealed class QuantityConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected a number or a string such as \"500ms\"");
        }

        var text = reader.GetString()!.Trim();
        return Parse(text) ?? throw new JsonException($"'{text}' is not a number or a time such as \"500ms\"");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    public static double? Parse(string text)
    {
        (string Suffix, double Factor)[] units = [("ns", 1), ("us", 1e3), ("μs", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9)];
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value * factor;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }
}

/// <summary>Nullable form of <see cref="QuantityConverter"/>.</summary>
public sealed class NullableQuantityConverter : JsonConverter<double?>
{
    private static readonly QuantityConverter Inner = new();

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(double), options);

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
