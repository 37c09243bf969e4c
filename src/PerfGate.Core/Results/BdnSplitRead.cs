namespace PerfGate.Core.Results;

/// <summary>
/// The second half of a large report's <c>Benchmarks</c> array, read on another thread while the streaming reader
/// reads the first (a 1,000-benchmark report is 28 MB: docs/performance.md). The split point is a guess made without
/// parsing — the first <c>{"DisplayInfo"</c> after a comma past the middle, BenchmarkDotNet's first field of a
/// benchmark — and counts only when the first half's reader, which parses everything before it, arrives exactly there
/// at an element of the array. Anything else (no such point, a guess inside a value, a second half that is not the
/// usual shape or is followed by more fields) leaves the whole read to the first reader, as it was: the outcome never
/// depends on the split.
/// </summary>
internal sealed class BdnSplitRead
{
    /// <summary>Arrays shorter than this are read by one thread (a second costs more than it saves).</summary>
    internal const int MinimumBytes = 1 << 20;

    /// <summary>How many candidates past the middle are tried before reading alone.</summary>
    private const int Candidates = 8;

    private readonly Task<BdnBenchmarkLog?> _read;

    private BdnSplitRead(int start, Task<BdnBenchmarkLog?> read)
    {
        Start = start;
        _read = read;
    }

    /// <summary>How many second halves this thread's reads have taken (tests tell the split read from the single one by it).</summary>
    [ThreadStatic]
    internal static int TakenOnThisThread;

    /// <summary>Where the second half begins: the offset of its first element's <c>{</c>.</summary>
    public int Start { get; }

    /// <summary>Starts reading the second half of the array that begins at <paramref name="arrayStart"/>; null when it is not worth it or no split point was found.</summary>
    public static BdnSplitRead? Begin(ReadOnlyMemory<byte> json, int arrayStart, int maxDepth)
    {
        if (Environment.ProcessorCount < 2 || json.Length - arrayStart < MinimumBytes)
        {
            return null;
        }

        var start = FindElementStart(json.Span, arrayStart + ((json.Length - arrayStart) / 2));
        return start < 0 ? null : new BdnSplitRead(start, Task.Run(() => BdnStreamingReader.ReadSecondHalf(json, start, maxDepth)));
    }

    /// <summary>The second half's benchmarks; null when it could not be read (the first reader then reads on).</summary>
    public BdnBenchmarkLog? Wait()
    {
        try
        {
            return _read.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Whatever went wrong there, reading on in one thread gives the outcome.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// The offset of the <c>{</c> of the first <c>{"DisplayInfo"</c> at or after <paramref name="from"/> that follows a
    /// comma (white space allowed between them), or -1.
    /// </summary>
    internal static int FindElementStart(ReadOnlySpan<byte> json, int from)
    {
        var position = from;
        for (var tried = 0; tried < Candidates && position < json.Length; tried++)
        {
            var found = json[position..].IndexOf("\"DisplayInfo\""u8);
            if (found < 0)
            {
                return -1;
            }

            var name = position + found;
            var brace = Before(json, name);
            if (brace >= 0 && json[brace] == (byte)'{' && Before(json, brace) is var comma and >= 0 && json[comma] == (byte)',')
            {
                return brace;
            }

            position = name + 1;
        }

        return -1;
    }

    /// <summary>The offset of the last byte before <paramref name="position"/> that is not JSON white space, or -1.</summary>
    private static int Before(ReadOnlySpan<byte> json, int position)
    {
        var i = position - 1;
        while (i >= 0 && FastPath.IsWhiteSpace(json[i]))
        {
            i--;
        }

        return i;
    }
}

/// <summary>The second half's benchmarks and skips, by their index in that half, replayed after the first half's.</summary>
internal sealed class BdnBenchmarkLog : IBenchmarkSink
{
    private readonly List<(int Index, BenchmarkResult? Result, string? SkippedMethod, bool Skipped)> _entries = [];
    private bool _sawMeasurements;

    public void SkipWithoutMethod(int index) => _entries.Add((index, null, null, true));

    public void SkipWithoutType(int index, string method) => _entries.Add((index, null, method, true));

    public void Add(BenchmarkResult? result, int index)
    {
        if (result is not null)
        {
            _entries.Add((index, result, null, false));
        }
    }

    public void SawMeasurements() => _sawMeasurements = true;

    /// <summary>Hands everything to <paramref name="sink"/> in file order, as if read there at <c>offset + index</c>.</summary>
    public void ReplayInto(IBenchmarkSink sink, int offset)
    {
        foreach (var (index, result, method, skipped) in _entries)
        {
            if (!skipped)
            {
                sink.Add(result, offset + index);
            }
            else if (method is null)
            {
                sink.SkipWithoutMethod(offset + index);
            }
            else
            {
                sink.SkipWithoutType(offset + index, method);
            }
        }

        if (_sawMeasurements)
        {
            sink.SawMeasurements();
        }
    }
}
