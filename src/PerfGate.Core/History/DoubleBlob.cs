using System.Buffers.Binary;
using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>Arrays of doubles as compact little-endian float64 blobs.</summary>
internal static class DoubleBlob
{
    public static byte[] Encode(IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    public static ImmutableArray<double> Decode(byte[]? bytes)
    {
        if (bytes is null || bytes.Length < 8)
        {
            return [];
        }

        var values = ImmutableArray.CreateBuilder<double>(bytes.Length / 8);
        for (var i = 0; i + 8 <= bytes.Length; i += 8)
        {
            values.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i)));
        }

        return values.MoveToImmutable();
    }
}
