using PerfGate.Core.GitHub;

namespace PerfGate.Core.Tests.GitHub;

public sealed class JobSummaryWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-summary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Creates_then_appends_utf8_without_bom()
    {
        var path = Path.Combine(_dir, "step_summary.md");

        JobSummaryWriter.Append(path, "# First ✅");
        JobSummaryWriter.Append(path, "❌ second\n");

        var bytes = File.ReadAllBytes(path);
        bytes[0].ShouldBe((byte)'#');
        File.ReadAllText(path).ShouldBe("# First ✅\n\n❌ second\n");
    }
}
