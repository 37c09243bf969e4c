using System.Text;
using PerfGate.Sample.Services;

namespace PerfGate.Sample.Tests.Services;

/// <summary>EXP-001's path: exporting the repository to a file, in both formats, replacing a previous export whole.</summary>
public sealed class ExportToFileTests : IDisposable
{
    private readonly ServiceContainer _container = new(TestData.Configuration);
    private readonly string _folder = TestData.TempDirectory();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(ExportFormat.Json)]
    [InlineData(ExportFormat.Csv)]
    public void An_export_writes_every_definition_and_imports_back(ExportFormat format)
    {
        var path = Path.Combine(_folder, "out", "definitions." + format.ToString().ToLowerInvariant());

        var report = _container.Export.ExportToFile(path, format);

        report.ShouldBe(new ExportReport(path, format, 20, new FileInfo(path).Length));
        var text = File.ReadAllText(path, Encoding.UTF8);
        var imported = format == ExportFormat.Json ? _container.Import.FromJson(text) : _container.Import.FromCsv(text);
        imported.ShouldBe(_container.Repository.All());
        File.ReadAllBytes(path).Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF }, "no byte order mark");
    }

    [Fact]
    public void A_new_export_replaces_the_old_file_whole_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "definitions.json");
        File.WriteAllText(path, new string('x', 1_000_000));

        _container.Export.ExportToFile(path, ExportFormat.Json);

        _container.Import.FromJson(File.ReadAllText(path)).Length.ShouldBe(20);
        Directory.GetFiles(_folder).ShouldBe([path]);
    }

    [Fact]
    public void Exporting_onto_a_folder_is_refused_and_writes_nothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "taken")).FullName;

        Should.Throw<IOException>(() => _container.Export.ExportToFile(folder, ExportFormat.Csv)).Message.ShouldContain(folder);
        Directory.GetFileSystemEntries(_folder).ShouldBe([folder]);
        Directory.GetFileSystemEntries(folder).ShouldBeEmpty();
    }
}
