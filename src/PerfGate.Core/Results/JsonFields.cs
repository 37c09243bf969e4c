using System.Globalization;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// Typed, lenient access to JSON properties with precise errors: names match exactly first, then ignoring case
/// (older tools and hand-written files vary the casing); a missing property or <c>null</c> is "absent".
/// </summary>
internal sealed class JsonFields
{
    private readonly string _source;

    public JsonFields(string source) => _source = source;

    public string Source => _source;

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object)
        {
            if (parent.TryGetProperty(name, out value))
            {
                return value.ValueKind != JsonValueKind.Null;
            }

            foreach (var property in parent.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return value.ValueKind != JsonValueKind.Null;
                }
            }
        }

        value = default;
        return false;
    }

    public ResultsFormatException Fail(string path, string problem) => new(_source, $"{path}: {problem}");

    public string? String(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Text(value, $"{path}.{name}"),
            _ => throw Fail($"{path}.{name}", $"expected a string, found {Describe(value)}"),
        };
    }

    /// <summary>
    /// A number, or null when absent. BenchmarkDotNet writes NaN and ±Infinity as <c>""</c> (SimpleJson's
    /// <c>ReplaceUnsupportedNumericValues</c>), so an empty string, and any non-finite value, is "absent" too.
    /// </summary>
    public double? Number(JsonElement parent, string name, string path)
        => TryGet(parent, name, out var value) ? Number(value, $"{path}.{name}") : null;

    public double? Number(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                return double.IsFinite(number) ? number : null;
            case JsonValueKind.String:
                var text = Text(value, path);
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return double.IsFinite(parsed) ? parsed : null;
                }

                throw Fail(path, $"expected a number, found the text \"{Shorten(text)}\"");
            default:
                throw Fail(path, $"expected a number, found {Describe(value)}");
        }
    }

    /// <summary>A time or size (absent like <see cref="Number(JsonElement, string, string)"/>) that cannot be below zero.</summary>
    public double? NonNegative(JsonElement parent, string name, string path, string what = "")
        => NonNegative(Number(parent, name, path), $"{path}.{name}", what);

    /// <summary>Fails for a value below zero: no time, size or count can be (<paramref name="what"/> names it, e.g. "a time").</summary>
    public double? NonNegative(double? value, string path, string what = "") => value < 0
        ? throw Fail(path, $"{(what.Length > 0 ? what + " " : "")}cannot be negative ({value.Value.ToString(CultureInfo.InvariantCulture)})")
        : value;

    /// <summary>A count (absent when missing): a number from 0 to <see cref="int.MaxValue"/>, so a cast to int cannot wrap.</summary>
    public int? Count(JsonElement parent, string name, string path) => Count(Number(parent, name, path), $"{path}.{name}");

    public int? Count(double? value, string path) => NonNegative(value, path) switch
    {
        null => null,
        > int.MaxValue => throw Fail(path, $"not a count ({value!.Value.ToString(CultureInfo.InvariantCulture)})"),
        var count => (int)count.Value,
    };

    public bool? Boolean(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(Text(value, $"{path}.{name}"), out var b) => b,
            _ => throw Fail($"{path}.{name}", $"expected true or false, found {Describe(value)}"),
        };
    }

    /// <summary>An object, or null when absent; anything else is an error.</summary>
    public JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Fail($"{path}.{name}", $"expected an object, found {Describe(value)}");
    }

    /// <summary>An array, or null when absent; anything else is an error.</summary>
    public JsonElement? Array(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Fail($"{path}.{name}", $"expected an array, found {Describe(value)}");
    }

    /// <summary>
    /// A string value; <see cref="JsonDocument"/> checks UTF-8 only when a string is decoded, so bad bytes surface
    /// here, where the path is known.
    /// </summary>
    private string? Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new ResultsFormatException(_source, $"{path}: invalid UTF-8 text", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
