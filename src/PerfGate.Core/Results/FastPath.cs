using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// What the streaming fast paths (<see cref="BdnStreamingReader"/>, <see cref="Baselines.BaselineStreamingReader"/>)
/// share: a fast path checks the input's shape as it reads, and anything outside it is handed to the careful
/// <see cref="JsonDocument"/> reader, which gives its result or its exact message.
/// </summary>
internal static class FastPath
{
    /// <summary>Whether an exception from a fast path means "let the careful reader read this file" (the types <see cref="JsonInput.Guard"/> maps there).</summary>
    public static bool Declines(Exception e) =>
        e is NotTheUsualShape or JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or KeyNotFoundException;

    /// <summary>
    /// A stream read through a fast path: a seekable stream of a readable size is read into memory and tried there first
    /// (<paramref name="fast"/>, null when it declines); anything else, and anything it declines, is read by
    /// <paramref name="careful"/>.
    /// </summary>
    public static BenchmarkRun Read(Stream json, string sourceName, Func<byte[], string, BenchmarkRun?> fast, Func<Stream, string, BenchmarkRun> careful)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.CanSeek && json.Length - json.Position is > 0 and <= ResultsLoader.MaxFileBytes)
        {
            var bytes = new byte[json.Length - json.Position];
            json.ReadExactly(bytes);
            return fast(bytes, sourceName) ?? careful(new MemoryStream(bytes, writable: false), sourceName);
        }

        return careful(json, sourceName);
    }

    /// <summary>The number as <see cref="JsonElement.GetDouble"/> reads it; a non-finite one is not the usual shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Finite(ReadOnlySpan<byte> text)
    {
        // Counts, launch indexes, sizes and many times are whole: read as integers they are the same double, sooner (up to
        // 15 digits, so exactly; not "-0", which is the double -0).
        if (text.Length <= 15 && text[0] != (byte)'-' && Utf8Parser.TryParse(text, out long whole, out var used) && used == text.Length)
        {
            return whole;
        }

        Require(Utf8Parser.TryParse(text, out double value, out var consumed) && consumed == text.Length && double.IsFinite(value));
        return value;
    }

    /// <summary>JSON's white space: space, tab, line feed, carriage return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(bool usual)
    {
        if (!usual)
        {
            Unusual();
        }
    }

    /// <summary>Hands the file over to the careful reader (a separate method, so that the checks stay small enough to inline).</summary>
    [DoesNotReturn]
    public static void Unusual() => throw new NotTheUsualShape();

    /// <summary>Thrown inside a fast path to hand the file over to the careful reader; never escapes it.</summary>
    public sealed class NotTheUsualShape : Exception
    {
        public NotTheUsualShape()
            : base("not the shape the fast path reads")
        {
        }
    }
}
