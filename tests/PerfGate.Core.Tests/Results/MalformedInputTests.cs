using System.Text;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("", "empty file")]
    [InlineData("   \n", "empty file")]
    [InlineData("[]", "not a BenchmarkDotNet results file: the document is an array")]
    [InlineData("{}", "not a BenchmarkDotNet results file: no 'Benchmarks' array")]
    [InlineData("""{ "name": "some-package", "version": "1.0.0" }""", "no 'Benchmarks' array")]
    [InlineData("""{ "Benchmarks": {} }""", "'Benchmarks' is an object, expected an array")]
    [InlineData("""{ "Benchmarks": [ 42 ] }""", "Benchmarks[0]: expected an object, found a number")]
    [InlineData("""{ "Benchmarks": [ { "Method": "M", "Type": "T", "Statistics": "fast" } ] }""", "Benchmarks[0].Statistics: expected an object, found a string")]
    [InlineData("""{ "Benchmarks": [ { "Method": "M", "Type": "T", "Statistics": { "Mean": "quick" } } ] }""", "Benchmarks[0].Statistics.Mean: expected a number")]
    [InlineData("""{ "Benchmarks": [ { "Method": "M", "Type": "T", "Statistics": { "Mean": 1 }, "Measurements": {} } ] }""", "Benchmarks[0].Measurements: expected an array")]
    [InlineData("""{ "Benchmarks": [ { "Method": 5, "Type": "T" } ] }""", "Benchmarks[0].Method: expected a string")]
    [InlineData("""{ "Benchmarks": [ ] """, "truncated or malformed JSON at line 1")]
    public void Bad_documents_are_reported_with_the_file_name(string json, string problem)
    {
        var e = Should.Throw<ResultsFormatException>(() => Fixture.ReadBdnText(json, "bad.json"));

        e.Message.ShouldStartWith("bad.json: ");
        e.Message.ShouldContain(problem);
        e.File.ShouldBe("bad.json");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(100_000)]
    [InlineData(-2)]
    public void Truncated_real_report_is_a_format_error(int cut)
    {
        var bytes = File.ReadAllBytes(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1));
        var length = cut > 0 ? cut : bytes.Length + cut;
        using var stream = new MemoryStream(bytes, 0, length);

        var e = Should.Throw<ResultsFormatException>(() => BenchmarkDotNetJsonReader.Read(stream, "cut.json"));

        e.Message.ShouldStartWith("cut.json: ");
        e.Problem.ShouldMatch(@"^truncated or malformed JSON at line \d+, byte \d+$");
    }

    [Fact]
    public void Invalid_utf8_is_a_format_error()
    {
        var bytes = Encoding.UTF8.GetBytes("""{ "Benchmarks": [ { "Method": "M?", "Type": "T", "Statistics": { "Mean": 1 } } ] }""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3; // a lead byte with no continuation
        using var stream = new MemoryStream(bytes);

        var e = Should.Throw<ResultsFormatException>(() => BenchmarkDotNetJsonReader.Read(stream, "utf8.json"));

        e.Message.ShouldStartWith("utf8.json: ");
    }

    [Fact]
    public void Non_seekable_empty_stream_is_empty_file()
    {
        using var stream = new BufferedStream(new MemoryStream([]), 16);
        var e = Should.Throw<ResultsFormatException>(() => BenchmarkDotNetJsonReader.Read(new ForwardOnly(stream), "pipe"));

        e.Message.ShouldBe("pipe: empty file (no JSON at all)");
    }

    private sealed class ForwardOnly(Stream inner) : Stream
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
    }
}
