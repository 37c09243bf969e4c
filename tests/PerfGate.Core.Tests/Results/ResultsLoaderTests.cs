using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

public sealed class ResultsLoaderTests
{
    [Fact]
    public void Folder_with_all_four_exporters_counts_each_benchmark_once_with_measurements()
    {
        var run = ResultsLoader.Load([Fixture.Path("bdn-0.14.0", "run1")]);

        run.Results.Length.ShouldBe(36);
        run.Detail.ShouldBe(ResultDetail.Measurements);
        run.Results.Where(r => !r.FailedToRun).ShouldAllBe(r => r.Launches.Length > 0);
        run.Sources.Length.ShouldBe(4);
        run.Warnings.ShouldNotContain(w => w.Contains("also in"));
    }

    [Fact]
    public void Artifacts_folder_merges_classes_and_attaches_custom_metrics()
    {
        var dir = Fixture.TempDir();
        var results = Directory.CreateDirectory(Path.Combine(dir, "BenchmarkDotNet.Artifacts", "results")).FullName;
        File.Copy(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1), Path.Combine(results, Fixture.Run1));
        File.Copy(Fixture.Path("bdn-0.13.12", "Modern.Codec-report-brief.json"), Path.Combine(results, "Modern.Codec-report-brief.json"));
        File.Copy(Fixture.Path("custom", "perfgate-metrics.json"), Path.Combine(dir, "BenchmarkDotNet.Artifacts", "perfgate-metrics.json"));
        Directory.CreateDirectory(Path.Combine(dir, "BenchmarkDotNet.Artifacts", "bin", "Release"));
        File.WriteAllText(Path.Combine(dir, "BenchmarkDotNet.Artifacts", "bin", "Release", "x-report.deps.json"), "not json");

        var run = ResultsLoader.Load([Path.Combine(dir, "BenchmarkDotNet.Artifacts")]);

        run.Results.Length.ShouldBe(39);
        run.Warnings.ShouldContain(w => w.Contains("different host"));
        var sum = run.Results.Where(r => r.FullName == "BdnFixtures.ParserBenchmarks.Sum(Count: 10, Separator: \"a b\")").ToList();
        sum.Count.ShouldBe(3); // one per job: the FullName names all three
        sum.ShouldAllBe(r => r.Metrics.Any(m => m.Id == "SVC-001" && m.Value == 42));
        run.Metrics.Single().Id.ShouldBe("SVC-002");
    }

    [Fact]
    public void Explicit_files_full_and_brief_of_one_run_are_not_double_counted()
    {
        var run = ResultsLoader.Load([
            Fixture.Path("bdn-0.13.12", "Modern.Codec-report-brief.json"),
            Fixture.Path("bdn-0.13.12", "Modern.Codec-report-full-compressed.json"),
        ]);

        run.Results.Length.ShouldBe(3);
        run.Results.ShouldAllBe(r => r.Launches.Length == 1);
    }

    [Fact]
    public void Same_benchmarks_from_two_runs_warn_and_keep_the_first()
    {
        var run = ResultsLoader.Load([Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1), Fixture.Path("bdn-0.14.0", "run2", Fixture.Run1)]);

        run.Results.Length.ShouldBe(36);
        run.Warnings.ShouldContain(w => w.Contains("also in"));
    }

    [Fact]
    public void Missing_path_empty_folder_and_folder_without_results_name_the_path()
    {
        var dir = Fixture.TempDir();
        var missing = Path.Combine(dir, "nope");
        Should.Throw<ResultsFormatException>(() => ResultsLoader.Load([missing])).Message.ShouldBe($"{missing}: no such file or folder");
        Should.Throw<ResultsFormatException>(() => ResultsLoader.Load([dir])).Message.ShouldBe($"{dir}: the folder is empty");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "hello");
        File.WriteAllText(Path.Combine(dir, "package.json"), "{}");
        Should.Throw<ResultsFormatException>(() => ResultsLoader.Load([dir])).Message.ShouldStartWith($"{dir}: no BenchmarkDotNet results");
    }

    [Fact]
    public void A_broken_file_in_a_folder_names_that_file()
    {
        var dir = Fixture.TempDir();
        var file = Path.Combine(dir, "X-report-full.json");
        File.WriteAllText(file, """{ "Benchmarks": [ """);

        Should.Throw<ResultsFormatException>(() => ResultsLoader.Load([dir])).File.ShouldBe(file);
    }
}
