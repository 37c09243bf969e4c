using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// Parses a whole JSON document from a stream, turning every parser failure into a <see cref="ResultsFormatException"/>
/// that names the file and where the text went wrong.
/// </summary>
/// <remarks>
/// <see cref="JsonDocument"/> keeps one pooled copy of the UTF-8 bytes plus a compact token index (about 12 bytes a
/// token); for a seekable stream it sizes that buffer from the stream length, so a 40 MB report is read once.
/// </remarks>
internal static class JsonInput
{
    /// <summary>How deep objects and arrays may nest; a BenchmarkDotNet report needs 5 levels, a baseline 4.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public static JsonDocument Parse(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position == 0)
        {
            throw new ResultsFormatException(source, "empty file (no JSON at all)");
        }

        if (stream.CanSeek && ForeignEncoding(stream) is { } encoding)
        {
            throw new ResultsFormatException(source, $"the file is {encoding} text, not UTF-8 (save it as UTF-8)");
        }

        try
        {
            return JsonDocument.Parse(stream, Options);
        }
        catch (JsonException e)
        {
            // Only whitespace (or nothing, on a stream that cannot tell its length).
            if (e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            {
                throw new ResultsFormatException(source, "empty file (no JSON at all)", e);
            }

            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            if (IsTooDeep(e))
            {
                throw new ResultsFormatException(source, $"JSON nested deeper than {MaxDepth} levels at line {line}, byte {position} (not a BenchmarkDotNet report)", e);
            }

            throw new ResultsFormatException(source, $"truncated or malformed JSON at line {line}, byte {position}", e);
        }
        catch (ArgumentException e)
        {
            // JsonDocument reports some encodings it cannot read (e.g. a UTF-16 file) as ArgumentException.
            throw new ResultsFormatException(source, $"not UTF-8 JSON text: {e.Message}", e);
        }
    }

    /// <summary>
    /// UTF-16 and UTF-32 by their byte-order mark, or by a zero byte among the first four (JSON text starts with ASCII, so
    /// UTF-8 has none there); <see cref="JsonDocument"/> would call them malformed at byte 1. The stream is rewound.
    /// </summary>
    private static string? ForeignEncoding(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        head = head[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return "UTF-32";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.Contains((byte)0))
        {
            return "UTF-16";
        }

        return null;
    }

    /// <summary>The reader's depth limit, which <see cref="JsonException"/> reports only in its (English) message.</summary>
    private static bool IsTooDeep(JsonException e) =>
        e.Message.Contains("maximum configured depth", StringComparison.Ordinal) || e.Message.Contains("CurrentDepth", StringComparison.Ordinal);

    /// <summary>Runs <paramref name="read"/> and maps the exceptions <see cref="JsonElement"/> accessors can throw.</summary>
    public static T Guard<T>(string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException || e.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ResultsFormatException(source, "invalid UTF-8 text in a string value", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException or OverflowException or JsonException)
        {
            throw new ResultsFormatException(source, $"unreadable value: {e.Message}", e);
        }
    }
}
