namespace PerfGate.Sample.Caching;

/// <summary>A snapshot of a cache's counters.</summary>
public sealed record CacheStatistics(long Hits, long Misses, int Entries)
{
    public long Requests => Hits + Misses;

    /// <summary>Hits divided by requests; 0 when nothing was asked yet.</summary>
    public double HitRate => Requests == 0 ? 0 : (double)Hits / Requests;
}
