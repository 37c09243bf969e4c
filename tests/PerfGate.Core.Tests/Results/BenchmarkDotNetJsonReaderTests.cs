using PerfGate.Core.Results;

namespace PerfGate.Core.Tests.Results;

public sealed class BenchmarkDotNetJsonReaderTests
{
    private const string TwoLaunchJob = "InvocationCount=16, IterationCount=3, LaunchCount=2, UnrollFactor=16, WarmupCount=1";
    private const string FourIterationJob = "InvocationCount=16, IterationCount=4, LaunchCount=1, UnrollFactor=16, WarmupCount=1";
    private const string NamedJob = "Named(InvocationCount=16, IterationCount=3, LaunchCount=1, UnrollFactor=16, WarmupCount=1)";

    [Fact]
    public void Bdn_0_14_full_has_every_case_with_canonical_ids()
    {
        var run = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);

        run.Results.Length.ShouldBe(36); // 3 methods x 2 x 2 params x 3 jobs
        run.Detail.ShouldBe(ResultDetail.Measurements);
        var keys = run.Results.Select(r => r.Id.Key).ToHashSet();
        keys.ShouldContain($"BdnFixtures.ParserBenchmarks.Join(Count=10, Separator=a b) [{TwoLaunchJob}]");
        keys.ShouldContain($"BdnFixtures.ParserBenchmarks.Sum(Count=100, Separator=x,y) [{FourIterationJob}]");
        keys.ShouldContain($"BdnFixtures.ParserBenchmarks.Join(Count=100, Separator=x,y) [{NamedJob}]");
        keys.ShouldAllBe(k => !k.Contains("Job-"));
        run.Warnings.Count(w => w.Contains("failed to run")).ShouldBe(12);
        run.Warnings.ShouldAllBe(w => w.StartsWith(run.Sources[0]));
    }

    [Fact]
    public void Bdn_0_14_launches_come_from_workload_result_and_match_original_values()
    {
        var run = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);
        var join = run.Results.Single(r => r.Id.Key == $"BdnFixtures.ParserBenchmarks.Join(Count=10, Separator=a b) [{TwoLaunchJob}]");

        join.Launches.Select(l => l.Index).ShouldBe([1, 2]);
        join.Launches.ShouldAllBe(l => l.NanosecondsPerOperation.Length == 3);
        join.AllValues.ShouldBe(join.OriginalValues);
        join.Statistics.ShouldNotBeNull().N.ShouldBe(6);
        join.Statistics.P95.ShouldNotBeNull();
        join.Statistics.P5.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(join.Statistics.Median);
        join.FullName.ShouldBe("BdnFixtures.ParserBenchmarks.Join(Count: 10, Separator: \"a b\")");

        var fourIterations = run.Results.Single(r => r.Id.Key == $"BdnFixtures.ParserBenchmarks.Join(Count=10, Separator=a b) [{FourIterationJob}]");
        fourIterations.Launches.Single().NanosecondsPerOperation.Length.ShouldBe(4);
    }

    [Fact]
    public void Bdn_0_14_allocations_and_gc_metrics()
    {
        var run = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);
        var join = run.Results.First(r => r.Id.Method == "Join" && r.Id.Parameters == "Count=100, Separator=x,y");
        var sum = run.Results.First(r => r.Id.Method == "Sum");

        join.AllocatedBytesPerOperation.ShouldNotBeNull().ShouldBeGreaterThan(1000);
        sum.AllocatedBytesPerOperation.ShouldBe(0);
        join.Metrics.Select(m => m.Id).ShouldBe(["Gen0Collects", "Gen1Collects", "Gen2Collects", "Allocated Memory"]);
        join.Metrics.ShouldAllBe(m => m.Deterministic && !m.BiggerIsBetter);
        join.Metrics.Single(m => m.Id == "Allocated Memory").Value.ShouldBe(join.AllocatedBytesPerOperation!.Value);
    }

    [Fact]
    public void Bdn_0_14_throwing_benchmark_is_failed_to_run()
    {
        var run = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);
        var failed = run.Results.Where(r => r.Id.Method == "Throws").ToList();

        failed.Count.ShouldBe(12);
        failed.ShouldAllBe(r => r.FailedToRun && r.Launches.IsEmpty && r.AllocatedBytesPerOperation == null && r.Metrics.IsEmpty);
    }

    [Fact]
    public void Bdn_0_14_host_and_timestamp()
    {
        var run = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);

        run.Host.BenchmarkDotNetVersion.ShouldBe("0.14.0");
        run.Host.LogicalCores.ShouldBeGreaterThan(0);
        run.Host.Runtime.ShouldStartWith(".NET");
        run.Host.Architecture.ShouldBe("X64");
        run.Timestamp.ShouldNotBeNull();
    }

    [Fact]
    public void Ids_are_equal_across_two_runs_although_generated_job_ids_differ()
    {
        var run1 = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);
        var run2 = Fixture.ReadBdn("bdn-0.14.0", "run2", Fixture.Run1);
        File.ReadAllText(Fixture.Path("bdn-0.14.0", "run1", Fixture.Run1)).ShouldNotContain(JobIds(Fixture.Path("bdn-0.14.0", "run2", Fixture.Run1)).First());

        run2.Results.Select(r => r.Id.Key).Order().ShouldBe(run1.Results.Select(r => r.Id.Key).Order());
    }

    [Theory]
    [InlineData("BdnFixtures.ParserBenchmarks-report-full-compressed.json", ResultDetail.Measurements)]
    [InlineData("BdnFixtures.ParserBenchmarks-report-brief.json", ResultDetail.StatisticsOnly)]
    [InlineData("BdnFixtures.ParserBenchmarks-report-brief-compressed.json", ResultDetail.StatisticsOnly)]
    public void Every_exporter_gives_the_same_ids_statistics_and_allocations(string file, ResultDetail detail)
    {
        var full = Fixture.ReadBdn("bdn-0.14.0", "run1", Fixture.Run1);
        var other = Fixture.ReadBdn("bdn-0.14.0", "run1", file);

        other.Detail.ShouldBe(detail);
        other.Results.Select(r => r.Id.Key).ShouldBe(full.Results.Select(r => r.Id.Key));
        foreach (var (a, b) in full.Results.Zip(other.Results))
        {
            b.Statistics?.Mean.ShouldBe(a.Statistics!.Mean);
            b.AllocatedBytesPerOperation.ShouldBe(a.AllocatedBytesPerOperation);
            b.Metrics.Select(m => (m.Id, m.Value)).ShouldBe(a.Metrics.Select(m => (m.Id, m.Value)));
            b.OriginalValues.ShouldBe(a.OriginalValues);
            if (detail == ResultDetail.StatisticsOnly)
            {
                b.Launches.ShouldBeEmpty();
            }
        }
    }

    [Fact]
    public void Bdn_0_13_runtime_jobs_sharing_a_full_name_get_distinct_ids()
    {
        var run = Fixture.ReadBdn("bdn-0.13.12", "Modern.Codec-report-full-compressed.json");

        run.Results.Select(r => r.Id.Key).ShouldBe([
            "Modern.Codec.Encode(Length=100) [Runtime=.NET 6.0]",
            "Modern.Codec.Encode(Length=100) [Runtime=.NET 8.0]",
            "Modern.Codec.Decode",      // ShortRun's run length is not part of the identity
        ]);
        run.Results[0].FullName.ShouldBe(run.Results[1].FullName);
        run.Results[0].Launches.Single().NanosecondsPerOperation.ShouldBe([20.5, 21.0, 20.75]);
        run.Results[0].AllocatedBytesPerOperation.ShouldBe(224);
        run.Results[0].Metrics.Single(m => m.Id == "Gen0Collects").Value.ShouldBe(0.061);
        run.Host.BenchmarkDotNetVersion.ShouldBe("0.13.12");
        run.Timestamp.ShouldBe(new DateTimeOffset(2024, 3, 15, 9, 8, 7, TimeSpan.Zero));
    }

    [Fact]
    public void Bdn_0_13_brief_computes_gc_metrics_per_1000_operations_from_memory()
    {
        var run = Fixture.ReadBdn("bdn-0.13.12", "Modern.Codec-report-brief.json");

        run.Detail.ShouldBe(ResultDetail.StatisticsOnly);
        run.Results[0].Metrics.Single(m => m.Id == "Gen0Collects").Value.ShouldBe(1.0 / 16384 * 1000);
        run.Results[0].OriginalValues.ShouldBe([20.5, 21.0, 20.75]);
    }

    [Fact]
    public void Bdn_0_12_nested_type_ampersand_parameter_empty_numbers_and_failure()
    {
        var run = Fixture.ReadBdn("bdn-0.12.1", "Legacy.Benchmarks.Outer.Inner-report-full.json");

        run.Results.Select(r => r.Id.Key).ShouldBe([
            "Legacy.Benchmarks.Outer+Inner.Parse(Size=16, Text=a&b)",
            "Legacy.Benchmarks.Outer+Inner.Hash(Size=16, Text=a&b)",
            "Legacy.Benchmarks.Outer+Inner.Broken(Size=16, Text=a&b)",
        ]);
        var single = run.Results[1].Statistics.ShouldNotBeNull();
        single.N.ShouldBe(1);
        single.StandardDeviation.ShouldBe(0);
        single.StandardError.ShouldBeNull();
        run.Results[0].Launches.Single().NanosecondsPerOperation.ShouldBe([101.5, 99.25, 100.75, 102.0]);
        run.Results[0].AllocatedBytesPerOperation.ShouldBe(48);
        run.Results[2].FailedToRun.ShouldBeTrue();
        run.Host.Runtime.ShouldStartWith(".NET Core 3.1.9");
    }

    [Fact]
    public void Empty_strings_stand_for_missing_numbers_anywhere()
    {
        var run = Fixture.ReadBdnText("""
            { "Title": "x", "HostEnvironmentInfo": { "LogicalCoreCount": "" },
              "Benchmarks": [ { "DisplayInfo": "T.M: DefaultJob", "Namespace": "N", "Type": "T", "Method": "M", "FullName": "N.T.M",
                "Statistics": { "N": 2, "Mean": 5, "Median": "", "StandardDeviation": "", "Min": "", "Max": "", "OriginalValues": [4, "", 6],
                                "Percentiles": { "P95": "" } },
                "Memory": { "BytesAllocatedPerOperation": "", "TotalOperations": "", "Gen0Collections": "" } } ] }
            """);

        var result = run.Results.Single();
        result.Id.Key.ShouldBe("N.T.M");
        result.OriginalValues.ShouldBe([4.0, 6.0]);
        result.Statistics.ShouldNotBeNull().Median.ShouldBe(5);
        result.Statistics.Min.ShouldBe(4);
        result.AllocatedBytesPerOperation.ShouldBeNull();
        result.Metrics.ShouldBeEmpty();
        run.Host.LogicalCores.ShouldBe(0);
        run.Host.Os.ShouldBe("unknown");
    }

    [Fact]
    public void Duplicate_keys_keep_the_first_and_warn_naming_the_file()
    {
        const string B = """{ "DisplayInfo": "T.M: Job-ABCDEF(IterationCount=3)", "Namespace": "N", "Type": "T", "Method": "M", "FullName": "N.T.M", "Statistics": { "Mean": VALUE } }""";
        var run = Fixture.ReadBdnText($$"""{ "Benchmarks": [ {{B.Replace("VALUE", "1")}}, {{B.Replace("VALUE", "2").Replace("ABCDEF", "XYZ123")}} ] }""", "dup.json");

        run.Results.Single().Statistics!.Mean.ShouldBe(1);
        run.Results.Single().Id.Job.ShouldBe("");   // the run length is not identity, and nothing else tells them apart
        run.Warnings.ShouldContain(w => w.StartsWith("dup.json") && w.Contains("duplicate"));
    }

    [Fact]
    public void Old_measurement_modes_are_mapped()
    {
        var run = Fixture.ReadBdnText("""
            { "Benchmarks": [ { "Namespace": "N", "Type": "T", "Method": "M", "Statistics": { "Mean": 2 },
              "Measurements": [ { "IterationMode": "MainTarget", "LaunchIndex": 1, "IterationIndex": 1, "Operations": 4, "Nanoseconds": 12 },
                                { "IterationMode": "Result", "LaunchIndex": 1, "IterationIndex": 1, "Operations": 4, "Nanoseconds": 8 } ] } ] }
            """);

        run.Results.Single().Launches.Single().NanosecondsPerOperation.ShouldBe([2.0]);
    }

    private static IEnumerable<string> JobIds(string file) =>
        System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "Job-[A-Z0-9]{6}").Select(m => m.Value).Distinct();

    [Theory]
    [InlineData("CI(IterationCount=10, LaunchCount=3, WarmupCount=3)", "")]
    [InlineData("Local(IterationCount=12, LaunchCount=1, WarmupCount=3)", "")]
    [InlineData("Dry(IterationCount=1, LaunchCount=1, RunStrategy=ColdStart, UnrollFactor=1, WarmupCount=1)", "RunStrategy=ColdStart")]
    [InlineData("InvocationCount=16, IterationCount=3, LaunchCount=2, UnrollFactor=16, WarmupCount=1", "")]
    [InlineData(".NET 8.0(Runtime=.NET 8.0, Toolchain=net8.0)", "Runtime=.NET 8.0, Toolchain=net8.0")]
    [InlineData("Job(EnvironmentVariables=A=1,B=2, IterationCount=5)", "EnvironmentVariables=A=1,B=2")]
    [InlineData("Local(IterationCount=6, IterationTime=100ms, LaunchCount=1, Toolchain=InProcessEmitToolchain, WarmupCount=2)", "")]
    [InlineData("Job(Runtime=.NET 8.0, Toolchain=InProcessNoEmitToolchain)", "Runtime=.NET 8.0")]
    public void The_job_identity_keeps_what_changes_the_measurement_and_drops_the_run_length(string job, string identity) =>
        JobName.Identity(job).ShouldBe(identity);

    [Fact]
    public void A_local_run_and_a_ci_run_of_the_same_benchmark_share_its_id()
    {
        static string Json(string job) => $$"""{ "Benchmarks": [ { "DisplayInfo": "T.M: {{job}}", "Namespace": "N", "Type": "T", "Method": "M", "FullName": "N.T.M", "Statistics": { "Mean": 1 } } ] }""";

        var local = Fixture.ReadBdnText(Json("Local(IterationCount=12, LaunchCount=1, WarmupCount=3)"));
        var ci = Fixture.ReadBdnText(Json("CI(IterationCount=10, LaunchCount=3, WarmupCount=3)"));

        local.Results.Single().Id.Key.ShouldBe("N.T.M");
        ci.Results.Single().Id.Key.ShouldBe(local.Results.Single().Id.Key);
    }
}
