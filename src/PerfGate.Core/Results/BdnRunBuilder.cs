namespace PerfGate.Core.Results;

/// <summary>
/// Puts one report's benchmarks together into a <see cref="BenchmarkRun"/>, in file order: a benchmark whose id was
/// already read is a duplicate (the first is kept), and every skip and failure is a warning naming the file.
/// </summary>
internal sealed class BdnRunBuilder(string source) : IBenchmarkSink
{
    private readonly List<string> _warnings = [];
    private readonly List<BenchmarkResult> _results = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>True once a benchmark had a non-empty <c>Measurements</c> array (the full exporters).</summary>
    public bool HadMeasurements { get; set; }

    public void SkipWithoutMethod(string path) => _warnings.Add($"{source}: {path} has no 'Method'; skipped");

    public void SkipWithoutType(string path, string method) => _warnings.Add($"{source}: {path} ({method}) has neither 'FullName' nor 'Type'; skipped");

    /// <summary>Adds the benchmark at <paramref name="path"/>; null when it was skipped.</summary>
    public void Add(BenchmarkResult? result, string path)
    {
        if (result is null)
        {
            return;
        }

        if (!_keys.Add(result.Id.Key))
        {
            _warnings.Add($"{source}: duplicate benchmark '{result.Id.Key}' ({path}); kept the first");
            return;
        }

        if (result.FailedToRun)
        {
            _warnings.Add($"{source}: '{result.Id.Key}' failed to run (no statistics)");
        }

        _results.Add(result);
    }

    void IBenchmarkSink.SkipWithoutMethod(int index) => SkipWithoutMethod(PathOf(index));

    void IBenchmarkSink.SkipWithoutType(int index, string method) => SkipWithoutType(PathOf(index), method);

    void IBenchmarkSink.Add(BenchmarkResult? result, int index) => Add(result, PathOf(index));

    void IBenchmarkSink.SawMeasurements() => HadMeasurements = true;

    /// <summary>The benchmark's place in the report, as warnings and errors name it: <c>Benchmarks[3]</c>.</summary>
    public static string PathOf(int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Benchmarks[{index}]");

    public BenchmarkRun Build(HostFingerprint host, string? title) => new()
    {
        Host = host,
        Results = [.. WithJobIdentity(_results)],
        Detail = HadMeasurements ? ResultDetail.Measurements : ResultDetail.StatisticsOnly,
        Sources = [source],
        Timestamp = TitleTimestamp.Parse(title),
        Warnings = [.. _warnings],
    };

    /// <summary>
    /// Drops the job's run/accuracy settings from each id (<see cref="JobName.Identity"/>), except where two jobs of
    /// this file would then share an id: those keep their full job so they stay apart.
    /// </summary>
    private static IEnumerable<BenchmarkResult> WithJobIdentity(List<BenchmarkResult> results)
    {
        var shortened = results.Select(r => r with { Id = new BenchmarkId(r.Id.Type, r.Id.Method, r.Id.Parameters, JobName.Identity(r.Id.Job)) }).ToList();
        var clashing = shortened.GroupBy(r => r.Id.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return shortened.Select((r, i) => clashing.Contains(r.Id.Key) ? results[i] : r);
    }
}

/// <summary>What the streaming reader reports of each benchmark, by its index in the report's <c>Benchmarks</c>, in file order.</summary>
internal interface IBenchmarkSink
{
    void SkipWithoutMethod(int index);

    void SkipWithoutType(int index, string method);

    /// <summary>The benchmark read at <paramref name="index"/>; null when it was skipped.</summary>
    void Add(BenchmarkResult? result, int index);

    /// <summary>A benchmark had a non-empty <c>Measurements</c> array.</summary>
    void SawMeasurements();
}
