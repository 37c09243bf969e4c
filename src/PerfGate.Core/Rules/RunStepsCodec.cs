using System.Collections.Immutable;
using System.Text;
using PerfGate.Core.History;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Rules;

/// <summary>
/// The steps of a run as <c>run_steps.steps</c> holds them: a version byte, then each series with at least one step
/// (ordinal key order): its key and its steps, every field of <see cref="MainStep"/> (doubles as their IEEE 754 bits,
/// little-endian; the first run's time as UTC ticks and offset), so a decoded step equals the encoded one exactly.
/// </summary>
public static class RunStepsCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyDictionary<string, ImmutableArray<MainStep>> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            var series = steps.Where(s => !s.Value.IsDefaultOrEmpty).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            writer.Write(series.Count);
            foreach (var (key, list) in series)
            {
                writer.Write(key);
                writer.Write(list.Length);
                foreach (var step in list)
                {
                    Write(writer, step);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The steps by series key, or null when the bytes are not this version's encoding (the reader then computes them).</summary>
    public static Dictionary<string, ImmutableArray<MainStep>>? TryDecode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                return null;
            }

            var count = reader.ReadInt32();
            var steps = new Dictionary<string, ImmutableArray<MainStep>>(count, StringComparer.Ordinal);
            for (var s = 0; s < count; s++)
            {
                var key = reader.ReadString();
                var length = reader.ReadInt32();
                var list = ImmutableArray.CreateBuilder<MainStep>(length);
                for (var i = 0; i < length; i++)
                {
                    list.Add(Read(reader));
                }

                steps[key] = list.MoveToImmutable();
            }

            return reader.BaseStream.Position == bytes.Length ? steps : null;
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static void Write(BinaryWriter writer, MainStep step)
    {
        var c = step.Step;
        writer.Write(c.Index);
        writer.Write(c.Percent);
        writer.Write(c.LowerPercent);
        writer.Write(c.UpperPercent);
        writer.Write(c.PValue);
        writer.Write(c.RunsBefore);
        writer.Write(c.RunsAfter);
        var run = step.FirstRunAfter;
        writer.Write(run.RunId);
        writer.Write(run.Commit is not null);
        if (run.Commit is not null)
        {
            writer.Write(run.Commit);
        }

        writer.Write(run.Timestamp.UtcTicks);
        writer.Write((short)run.Timestamp.Offset.TotalMinutes);
        writer.Write(run.LogValue);
        writer.Write(step.LevelBefore);
    }

    private static MainStep Read(BinaryReader reader)
    {
        var change = new ChangePoint(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32());
        var runId = reader.ReadInt64();
        var commit = reader.ReadBoolean() ? reader.ReadString() : null;
        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        var timestamp = new DateTimeOffset(ticks + offset.Ticks, offset);
        var run = new HistoryRun(runId, commit, timestamp, reader.ReadDouble());
        return new MainStep(change, run, reader.ReadDouble());
    }
}
