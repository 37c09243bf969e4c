using System.Collections.Concurrent;
using PerfGate.Sample.Caching;

namespace PerfGate.Sample.Rules;

/// <summary>
/// Parsed rule sets keyed by their full directory path, with hit/miss counters (VAL-003).
/// A miss loads from disk exactly once per directory, even under concurrent first requests.
/// </summary>
public sealed class RuleCache
{
    private readonly ConcurrentDictionary<string, Lazy<RuleSet>> _entries = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;

    public RuleSet Get(string directory)
    {
        var key = Path.GetFullPath(directory);
        if (_entries.TryGetValue(key, out var existing))
        {
            Interlocked.Increment(ref _hits);
            return existing.Value;
        }

        var created = new Lazy<RuleSet>(() => RuleLoader.Load(key), LazyThreadSafetyMode.ExecutionAndPublication);
        var winner = _entries.GetOrAdd(key, created);
        Interlocked.Increment(ref ReferenceEquals(winner, created) ? ref _misses : ref _hits);
        return winner.Value;
    }

    public CacheStatistics Statistics => new(Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), _entries.Count);

    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }
}
