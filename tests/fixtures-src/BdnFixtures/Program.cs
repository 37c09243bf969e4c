using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BdnFixtures;

// Two anonymous jobs (BenchmarkDotNet names them Job-XXXXXX, random per run) with different
// characteristics, one of them with two launches, plus a named job; all four JSON exporters.
var shortCounts = Job.Default.WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(16).WithUnrollFactor(16);
var config = ManualConfig.CreateEmpty()
    .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
    .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
    .AddJob(shortCounts.WithLaunchCount(2))
    .AddJob(shortCounts.WithLaunchCount(1).WithIterationCount(4))
    .AddJob(shortCounts.WithLaunchCount(1).WithId("Named"))
    .AddExporter(JsonExporter.Full, JsonExporter.FullCompressed, JsonExporter.Brief, JsonExporter.BriefCompressed)
    .WithArtifactsPath(args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"));

BenchmarkRunner.Run<ParserBenchmarks>(config);
