using System.Collections.Immutable;

namespace PerfGate.Core.Results;

/// <summary>
/// The workload measurements of one benchmark process (BenchmarkDotNet's <c>LaunchIndex</c>), as nanoseconds
/// per operation, in iteration order. Separate launches are the between-process evidence: on shared runners the
/// noise between processes is often far larger than the noise between iterations inside one.
/// </summary>
public sealed record Launch(int Index, ImmutableArray<double> NanosecondsPerOperation);
