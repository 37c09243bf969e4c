using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfGate.Core.Results;

namespace PerfGate.Core.Baselines;

/// <summary>
/// PerfGate's committed baseline, <c>perfgate-baseline/1</c>: indented JSON with a fixed property order, benchmarks
/// sorted by id, LF line ends, and doubles in their shortest round-trip form (invariant culture, never rounded), so
/// the same run always gives the same bytes and a change reads well in a diff.
/// </summary>
public static class BaselineFile
{
    public const string Format = "perfgate-baseline/1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: keep '<', '+', quotes readable
    };

    public static void Write(BenchmarkRun run, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            BaselineWriter.Write(run, json);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write('\n');
    }

    /// <exception cref="ResultsFormatException">The stream is not a valid <c>perfgate-baseline/1</c> file.</exception>
    public static BenchmarkRun Read(Stream json, string sourceName) =>
        FastPath.Read(json, sourceName, (bytes, name) => BaselineStreamingReader.TryRead(bytes, name), ReadCarefully);

    /// <summary>The careful reader: a <see cref="JsonDocument"/> walked with every check and every message.</summary>
    internal static BenchmarkRun ReadCarefully(Stream json, string sourceName)
    {
        using var document = JsonInput.Parse(json, sourceName);
        return Read(document.RootElement, sourceName);
    }

    internal static BenchmarkRun Read(JsonElement root, string sourceName) =>
        JsonInput.Guard(sourceName, () => BaselineReader.Read(root, sourceName));

    internal static bool IsBaseline(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String &&
        (f.GetString() ?? "").StartsWith("perfgate-baseline/", StringComparison.Ordinal);
}
