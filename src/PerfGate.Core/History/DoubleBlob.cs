using System.Buffers.Binary;
using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>Doubles as a compact blob: IEEE 754 float64, little-endian, no header (length = bytes / 8).</summary>
internal static class DoubleBlob
{
    public static byte[]? Encode(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var bytes = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    public static ImmutableArray<double> Decode(ReadOnlySpan<byte> bytes)
    {
        var builder = ImmutableArray.CreateBuilder<double>(bytes.Length / sizeof(double));
        for (var offset = 0; offset + sizeof(double) <= bytes.Length; offset += sizeof(double))
        {
            builder.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes[offset..]));
        }

        return builder.MoveToImmutable();
    }
}
