using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Verdicts;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

public abstract class HistoryRecordTests : IDisposable
{
    private protected HistoryRecordTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_run_round_trips_with_statistics_launches_raw_values_allocations_and_metrics()
    {
        using var store = Backend.Open();
        var parse = Result("Parse", 1234.5, allocated: 4096) with
        {
            Metrics = [new MetricValue("Gen0", "Gen 0 collects / 1k op", 0.25, "count", false, false)],
        };
        var failed = new BenchmarkResult { Id = Id("Broken"), FullName = "PerfGate.Benchmarks.ValidationBenchmarks.Broken" };
        var briefOnly = Result("Brief", 10) with { Launches = [], OriginalValues = [9.5, 10, 10.5] };
        var run = new RecordedRun
        {
            Run = new BenchmarkRun
            {
                Host = Ci,
                Results = [parse, failed, briefOnly],
                Metrics = [new MetricValue("API-002", "Prompt Token Count", 3100, "tokens", false, true)],
                Detail = ResultDetail.Measurements,
                Sources = ["a.json", "metrics.json"],
            },
            Branch = "feature/faster-parse",
            Commit = "0123456789abcdef0123456789abcdef01234567",
            PullRequest = 42,
            Timestamp = T0,
        };

        var id = store.RecordRun(run, [Alert("Parse", Severity.Error)]);
        var loaded = store.LoadRun(id).ShouldNotBeNull();

        loaded.Run.ShouldBe(new StoredRun(id, T0, "feature/faster-parse", run.Commit, 42, Ci, ResultDetail.Measurements, loaded.Run.Sources));
        loaded.Run.Sources.ShouldBe(["a.json", "metrics.json"]);
        loaded.Run.FingerprintKey.ShouldBe(Ci.Key);
        loaded.Results.Select(r => r.SeriesKey).ShouldBe([Key("Parse"), Key("Broken"), Key("Brief"), "metric:API-002"]);

        var back = loaded.Results[0].Benchmark.ShouldNotBeNull();
        back.Id.ShouldBe(parse.Id);
        back.FullName.ShouldBe(parse.FullName);
        back.Statistics.ShouldBe(parse.Statistics);
        back.AllocatedBytesPerOperation.ShouldBe(4096);
        back.Launches.Select(l => l.Index).ShouldBe([1, 2, 3]);
        back.AllValues.ShouldBe(parse.AllValues);
        back.Metrics.ShouldBe(parse.Metrics);
        loaded.Results[0].LaunchMedians.ShouldBe([1234.5, 1234.5, 1234.5]);
        loaded.Results[0].OriginalValueCount.ShouldBe(9);
        loaded.Results[0].DisplayName.ShouldBe("ValidationBenchmarks.Parse [LaunchCount=3]");

        loaded.Results[1].Benchmark.ShouldNotBeNull().FailedToRun.ShouldBeTrue();
        loaded.Results[1].Value.ShouldBeNull();
        loaded.Results[2].Benchmark.ShouldNotBeNull().OriginalValues.ShouldBe([9.5, 10, 10.5]);
        loaded.Results[2].Benchmark!.Launches.ShouldBeEmpty();
        loaded.Results[3].Metric.ShouldBe(new MetricValue("API-002", "Prompt Token Count", 3100, "tokens", false, true));

        var rebuilt = loaded.ToBenchmarkRun();
        rebuilt.Results.Length.ShouldBe(3);
        rebuilt.Metrics.Single().Id.ShouldBe("API-002");

        var alert = store.GetAlerts(AlertFilter.All).Single();
        alert.ShouldBe(new StoredAlert(alert.Id, id, T0, "feature/faster-parse", run.Commit, 42, Ci.Key, Tier.History, Severity.Error,
            Key("Parse"), "median", 130, 100, 30, "Parse is 30% slower than the rolling median", false, null, null, null));
    }

    [Fact]
    public void A_run_loaded_without_samples_is_the_full_run_without_launches_and_raw_values()
    {
        using var store = Backend.Open();
        var parse = Result("Parse", 1234.5, allocated: 4096) with
        {
            Metrics = [new MetricValue("Gen0", "Gen 0 collects / 1k op", 0.25, "count", false, false)],
        };
        var briefOnly = Result("Brief", 10) with { Launches = [], OriginalValues = [9.5, 10, 10.5] };
        var failed = new BenchmarkResult { Id = Id("Broken"), FullName = "PerfGate.Benchmarks.ValidationBenchmarks.Broken" };
        var id = store.RecordRun(new RecordedRun
        {
            Run = new BenchmarkRun
            {
                Host = Ci,
                Results = [parse, briefOnly, failed],
                Metrics = [new MetricValue("API-002", "Prompt Token Count", 3100, "tokens", false, true)],
            },
            Branch = "main",
            Timestamp = T0,
        }, []);

        var full = store.LoadRun(id).ShouldNotBeNull();
        var light = store.LoadRunWithoutSamples(id).ShouldNotBeNull();

        light.Run.ShouldBe(full.Run);
        full.Results[0].Benchmark!.Launches.ShouldNotBeEmpty();
        full.Results[1].Benchmark!.OriginalValues.ShouldNotBeEmpty();
        light.Results.ShouldAllBe(r => r.Benchmark == null || (r.Benchmark.Launches.IsEmpty && r.Benchmark.OriginalValues.IsEmpty));
        light.Results.Length.ShouldBe(full.Results.Length);
        for (var i = 0; i < full.Results.Length; i++)
        {
            var (f, l) = (full.Results[i], light.Results[i]);
            (l.RunId, l.SeriesKey, l.DisplayName, l.FullName, l.OriginalValueCount, l.Value)
                .ShouldBe((f.RunId, f.SeriesKey, f.DisplayName, f.FullName, f.OriginalValueCount, f.Value));
            l.LaunchMedians.ShouldBe(f.LaunchMedians);
            l.Metric.ShouldBe(f.Metric);
            if (f.Benchmark is { } fb)
            {
                var lb = l.Benchmark.ShouldNotBeNull();
                (lb.Id, lb.FullName, lb.Statistics, lb.AllocatedBytesPerOperation).ShouldBe((fb.Id, fb.FullName, fb.Statistics, fb.AllocatedBytesPerOperation));
                lb.Metrics.ShouldBe(fb.Metrics);
            }
        }

        light.Results.Select(r => r.OriginalValueCount).ShouldBe([9, 3, 0, 0]);

        store.LoadRunWithoutSamples(id + 1000).ShouldBeNull();
    }

    [Fact]
    public void Raw_values_above_the_cap_are_sampled_from_every_launch_and_the_original_count_kept()
    {
        using var store = Backend.Open(30);
        var launches = Enumerable.Range(1, 3).Select(l => new Launch(l, [.. Enumerable.Range(0, 100).Select(v => (l * 1000.0) + v)])).ToArray();
        var result = Result("Big", 1000) with { Launches = [.. launches] };
        var id = store.RecordRun(new RecordedRun { Run = new BenchmarkRun { Host = Ci, Results = [result] }, Branch = "main", Timestamp = T0 }, []);

        var stored = store.GetResults(id).Single();

        stored.OriginalValueCount.ShouldBe(300);
        var back = stored.Benchmark!.Launches;
        back.Select(l => l.NanosecondsPerOperation.Length).ShouldBe([10, 10, 10]);
        back[1].NanosecondsPerOperation[0].ShouldBe(2000);
        back[1].NanosecondsPerOperation[^1].ShouldBe(2090);
        stored.LaunchMedians.ShouldBe([1049.5, 2049.5, 3049.5]);
    }

    [Fact]
    public void A_failure_in_the_middle_of_recording_leaves_no_half_written_run()
    {
        using var store = Backend.Open();
        var run = Run(T0, "main", ("A", 1), ("B", 2), ("C", 3), ("D", 4));
        HistoryBackend.SetAfterResultWritten(store, index =>
        {
            if (index == 2)
            {
                throw new InvalidOperationException("simulated crash after the third result");
            }
        });

        Should.Throw<InvalidOperationException>(() => store.RecordRun(run, [Alert("A", Severity.Warning)]));

        foreach (var table in new[] { "runs", "results", "result_samples", "alerts", "series" })
        {
            Backend.Scalar($"SELECT count(*) FROM {table}").ShouldBe(0, table);
        }

        HistoryBackend.SetAfterResultWritten(store, null);
        var id = store.RecordRun(run, [Alert("A", Severity.Warning)]);
        store.GetResults(id).Count.ShouldBe(4);
        Backend.Scalar("SELECT count(*) FROM series").ShouldBe(4);
    }

    [Fact]
    public void A_run_naming_the_same_series_twice_is_rejected_before_anything_is_written()
    {
        using var store = Backend.Open();

        Should.Throw<ArgumentException>(() => store.RecordRun(Run(T0, "main", ("A", 1), ("A", 2)), []))
            .Message.ShouldContain(Key("A"));
        Backend.Scalar("SELECT count(*) FROM runs").ShouldBe(0);
    }
}

public sealed class SqliteHistoryRecordTests() : HistoryRecordTests(new SqliteBackend());

public sealed class PostgresHistoryRecordTests() : HistoryRecordTests(new PostgresBackend());
