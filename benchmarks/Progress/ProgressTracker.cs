using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace PerfGate.Benchmarks.Progress;

/// <summary>
/// Follows a BenchmarkDotNet run through its events (validation, build, each benchmark's start and end) and the
/// launch lines of its log (<see cref="ProgressLogger"/>), and tells a view what to show. Thread-safe: BenchmarkDotNet
/// calls it on its own thread while a live view reads <see cref="Snapshot"/> on another.
/// </summary>
public sealed class ProgressTracker(TimeProvider clock) : EventProcessor
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _durations = [];
    private readonly long _started = clock.GetTimestamp();
    private string _phase = "validating";
    private int _total;
    private int _failed;
    private string? _current;
    private string? _launch;
    private long _currentStarted;

    /// <summary>A benchmark finished (called on BenchmarkDotNet's thread).</summary>
    public event Action<FinishedBenchmark>? BenchmarkFinished;

    /// <summary>An error line from BenchmarkDotNet's log, shown even when the rest is not.</summary>
    public event Action<string>? Error;

    /// <summary>Benchmarks in the run, as BenchmarkDotNet counted them before building (0 before that).</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public int Failed
    {
        get
        {
            lock (_gate)
            {
                return _failed;
            }
        }
    }

    public ProgressSnapshot Snapshot()
    {
        lock (_gate)
        {
            var running = _current is null ? TimeSpan.Zero : clock.GetElapsedTime(_currentStarted);
            return new ProgressSnapshot(_phase, _total, _durations.Count, _current, _launch, clock.GetElapsedTime(_started),
                ProgressText.EstimateLeft(_total, _durations, running));
        }
    }

    /// <summary>Benchmarks validated and about to be built.</summary>
    public void Building(int total)
    {
        lock (_gate)
        {
            (_phase, _total) = ("building", total);
        }
    }

    public void Started(string name)
    {
        lock (_gate)
        {
            (_phase, _current, _launch, _currentStarted) = ("running", name, null, clock.GetTimestamp());
        }
    }

    /// <summary>BenchmarkDotNet's <c>// Launch: 2 / 3</c>: shown only when there are several.</summary>
    public void Launch(int number, int count)
    {
        lock (_gate)
        {
            _launch = count > 1 ? $"{number}/{count}" : null;
        }
    }

    public void Finished(string name, bool succeeded)
    {
        FinishedBenchmark finished;
        lock (_gate)
        {
            var took = _current is null ? TimeSpan.Zero : clock.GetElapsedTime(_currentStarted);
            _durations.Add(took);
            _failed += succeeded ? 0 : 1;
            _total = Math.Max(_total, _durations.Count);
            (_current, _launch) = (null, null);
            finished = new FinishedBenchmark(_durations.Count, _total, name, succeeded, took, clock.GetElapsedTime(_started),
                ProgressText.EstimateLeft(_total, _durations, TimeSpan.Zero));
        }

        BenchmarkFinished?.Invoke(finished);
    }

    public void ErrorLine(string text) => Error?.Invoke(text);

    public void Done()
    {
        lock (_gate)
        {
            (_phase, _current, _launch) = ("done", null, null);
        }
    }

    /// <summary>"ValidationBenchmarks.ValidateOneDefinition" or "BatchValidationBenchmarks.ValidateBatch [BatchSize=10]".</summary>
    public static string NameOf(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var name = $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}";
        var parameters = benchmark.Parameters.DisplayInfo;
        return string.IsNullOrEmpty(parameters) ? name : $"{name} {parameters}";
    }

    public override void OnStartBuildStage(IReadOnlyList<BuildPartition> partitions) =>
        Building(partitions.Sum(p => p.Benchmarks.Length));

    public override void OnValidationError(ValidationError validationError)
    {
        if (validationError.IsCritical)
        {
            ErrorLine($"// PerfGate: {validationError.Message}");
        }
    }

    public override void OnStartRunBenchmark(BenchmarkCase benchmarkCase) => Started(NameOf(benchmarkCase));

    public override void OnEndRunBenchmark(BenchmarkCase benchmarkCase, BenchmarkReport report) =>
        Finished(NameOf(benchmarkCase), report.Success && report.ResultStatistics is not null);

    public override void OnEndRunStage() => Done();
}
