using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PerfGate.Core.Results;

// Times what ingest costs on one report, stage by stage, six rounds (the first includes JIT):
//   bytes     reading the file into memory (the I/O floor)
//   tokens    one Utf8JsonReader pass over those bytes, nothing kept (the parsing floor)
//   document  JsonDocument.Parse of the bytes (what the careful reader builds before it walks)
//   careful   BenchmarkDotNetJsonReader over a stream that cannot seek: the JsonDocument reader alone
//   load      ResultsLoader.Load, which is what `perfgate check --results <file>` runs as its ingest stage
// and whether load and careful give the same run.
var path = args[0];
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
var times = new Dictionary<string, List<double>>();
for (var i = 0; i < rounds; i++)
{
    byte[] bytes = [];
    var parts = new List<string>
    {
        Measure("bytes", () => bytes = File.ReadAllBytes(path)),
        Measure("tokens", () => Tokens(bytes)),
        Measure("document", () => JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 }).Dispose()),
    };
    BenchmarkRun? run = null;
    BenchmarkRun? careful = null;
    parts.Add(Measure("careful", () =>
    {
        using var stream = new ForwardOnly(File.OpenRead(path));
        careful = BenchmarkDotNetJsonReader.Read(stream, path);
    }));
    parts.Add(Measure("load", () => run = ResultsLoader.Load([path])));
    parts.Add(Describe(run!) == Describe(careful!) ? "same run" : "DIFFERENT RUNS");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {i}: {string.Join(" | ", parts)} | {run!.Results.Length} benchmarks, working set {Environment.WorkingSet / 1e6:F0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
}

// Rounds after the first (JIT done): the least and the median of each stage.
Console.WriteLine(string.Join(" | ", times.Select(t =>
{
    var warm = t.Value.Skip(1).Order().ToList();
    return warm.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{t.Key} min {warm[0]:F0} median {warm[warm.Count / 2]:F0} ms");
})));

string Measure(string name, Action action)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    action();
    watch.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    if (!times.TryGetValue(name, out var list))
    {
        times[name] = list = [];
    }

    list.Add(watch.Elapsed.TotalMilliseconds);
    return string.Create(CultureInfo.InvariantCulture, $"{name} {watch.Elapsed.TotalMilliseconds,4:F0} ms {allocated / 1e6,5:F1} MB");
}

static int Tokens(byte[] bytes)
{
    var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
    var count = 0;
    while (reader.Read())
    {
        count++;
    }

    return count;
}

static string Describe(BenchmarkRun run) =>
    JsonSerializer.Serialize(run with { Sources = [] }, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });

internal sealed class ForwardOnly(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
