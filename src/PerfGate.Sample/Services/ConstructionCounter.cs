using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace PerfGate.Sample.Services;

/// <summary>Counts how often each service was constructed; thread-safe.</summary>
public sealed class ConstructionCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Record(string service) => _counts.AddOrUpdate(service, 1, (_, n) => n + 1);

    public int Count(string service) => _counts.GetValueOrDefault(service);

    public int Total => _counts.Values.Sum();

    public ImmutableSortedDictionary<string, int> Snapshot() => _counts.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
