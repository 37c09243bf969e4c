using PerfGate.Core.Baselines;
using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Baselines;

public sealed class BaselineStoreTests
{
    private static readonly BenchmarkRun Small = new()
    {
        Host = HostFingerprint.Unknown,
        Results = [BaselineFileTests.Result("A.Type", "M", [1.5, 2.5])],
    };

    [Fact]
    public void Update_then_load_from_the_folder_ignoring_readme_and_bdn_json()
    {
        var dir = Fixture.TempDir();
        File.WriteAllText(Path.Combine(dir, "README.md"), "who made this");
        File.WriteAllText(Path.Combine(dir, "other.json"), """{ "something": "else" }""");
        Directory.CreateDirectory(Path.Combine(dir, "bdn"));
        File.Copy(Fixture.Path("bdn-0.13.12", "Modern.Codec-report-brief.json"), Path.Combine(dir, "bdn", "Modern.Codec-report-brief.json"));

        var path = BaselineStore.Update(Small, dir);
        var loaded = BaselineStore.Load(dir);

        path.ShouldBe(Path.Combine(dir, "baseline.json"));
        loaded.Results.Single().Id.Key.ShouldBe("A.Type.M");
        Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Failed_write_leaves_the_old_baseline_untouched_and_removes_the_temp_file()
    {
        var dir = Fixture.TempDir();
        BaselineStore.Update(Small, dir);
        var before = File.ReadAllBytes(Path.Combine(dir, "baseline.json"));
        var broken = Small with { Results = [.. Small.Results, BaselineFileTests.Result("B.Type", "M", [1.0]) with { Launches = default }] };

        Should.Throw<Exception>(() => BaselineStore.Update(broken, dir));

        File.ReadAllBytes(Path.Combine(dir, "baseline.json")).ShouldBe(before);
        Directory.GetFiles(dir).Select(Path.GetFileName).ShouldBe(["baseline.json"]);
    }

    [Fact]
    public void Read_only_folder_leaves_the_old_baseline_untouched()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root ignores permission bits; the mid-write failure test covers the rollback
        }

        var dir = Fixture.TempDir();
        BaselineStore.Update(Small, dir);
        var before = File.ReadAllBytes(Path.Combine(dir, "baseline.json"));
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Should.Throw<UnauthorizedAccessException>(() => BaselineStore.Update(Small with { Commit = "new" }, dir));
            File.ReadAllBytes(Path.Combine(dir, "baseline.json")).ShouldBe(before);
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Failed_move_removes_the_temp_file()
    {
        var dir = Fixture.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "baseline.json")); // a folder where the file should go: the move fails

        Should.Throw<IOException>(() => BaselineStore.Update(Small, dir));

        Directory.GetFiles(dir).ShouldBeEmpty();
    }

    [Fact]
    public void Load_any_accepts_a_baseline_file_or_bdn_results()
    {
        var dir = Fixture.TempDir();
        var baseline = BaselineStore.Update(Small, dir);

        BaselineStore.LoadAny([baseline]).Results.Single().Id.Key.ShouldBe("A.Type.M");
        BaselineStore.LoadAny([dir]).Results.Length.ShouldBe(1);
        BaselineStore.LoadAny([Fixture.Path("bdn-0.13.12")]).Results.Length.ShouldBe(3);
        BaselineStore.LoadAny([dir, Fixture.Path("bdn-0.13.12")]).Results.Length.ShouldBe(4);
    }

    [Fact]
    public void Folder_without_a_baseline_is_an_error_naming_it()
    {
        var dir = Fixture.TempDir();
        File.WriteAllText(Path.Combine(dir, "README.md"), "x");

        Should.Throw<ResultsFormatException>(() => BaselineStore.Load(dir)).Message.ShouldStartWith($"{dir}: no PerfGate baseline");
    }
}
