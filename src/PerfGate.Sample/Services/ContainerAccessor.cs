using PerfGate.Sample.Configuration;

namespace PerfGate.Sample.Services;

/// <summary>
/// The process-wide <see cref="ServiceContainer"/>: built once, on the first call, from the configuration
/// given then (SVC-001 counts these constructions and must stay 1). Asking again with an equal configuration
/// or none returns the same container; asking with a different configuration throws instead of silently
/// ignoring it (masterplan step 1: no "custom config passed but ignored").
/// </summary>
public static class ContainerAccessor
{
    private static readonly Lock Gate = new();
    private static ServiceContainer? _container;
    private static int _constructions;

    /// <summary>How many containers the accessor has built since the process started or the last reset.</summary>
    public static int Constructions => Volatile.Read(ref _constructions);

    public static bool IsBuilt => Volatile.Read(ref _container) is not null;

    public static ServiceContainer Get(SampleConfiguration? configuration = null)
    {
        var existing = Volatile.Read(ref _container);
        if (existing is null)
        {
            lock (Gate)
            {
                existing = _container;
                if (existing is null)
                {
                    existing = new ServiceContainer(configuration ?? ConfigurationLoader.LoadDefault());
                    Interlocked.Increment(ref _constructions);
                    Volatile.Write(ref _container, existing);
                    return existing;
                }
            }
        }

        if (configuration is not null && configuration != existing.Configuration)
        {
            throw new InvalidOperationException(
                "The service container was already built with a different configuration. Pass the configuration once, " +
                "at startup; later callers call ContainerAccessor.Get() without one.");
        }

        return existing;
    }

    /// <summary>
    /// Forgets the container and zeroes the construction count. For tests and benchmarks only, which need a
    /// fresh process-wide state; an application never calls this.
    /// </summary>
    public static void ResetForTestsAndBenchmarks()
    {
        lock (Gate)
        {
            Volatile.Write(ref _container, null);
            Interlocked.Exchange(ref _constructions, 0);
        }
    }
}
