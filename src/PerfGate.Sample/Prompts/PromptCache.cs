using PerfGate.Sample.Caching;

namespace PerfGate.Sample.Prompts;

/// <summary>
/// A bounded least-recently-used cache of built prompts with hit/miss counters (CACHE-002).
/// One lock guards the list and the map; building a missing prompt happens outside it.
/// </summary>
public sealed class PromptCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, PromptResult Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, PromptResult Value)> _recency = new();
    private readonly Lock _lock = new();
    private long _hits;
    private long _misses;

    public PromptCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public PromptResult GetOrAdd(string key, Func<PromptResult> build)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _hits++;
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Value;
            }

            _misses++;
        }

        var value = build();
        lock (_lock)
        {
            if (!_map.ContainsKey(key))
            {
                _map[key] = _recency.AddFirst((key, value));
                if (_map.Count > _capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _map.Remove(last.Value.Key);
                }
            }
        }

        return value;
    }

    public CacheStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new CacheStatistics(_hits, _misses, _map.Count);
            }
        }
    }
}
