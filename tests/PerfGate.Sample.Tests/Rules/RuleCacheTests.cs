using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Tests.Rules;

public sealed class RuleCacheTests
{
    [Fact]
    public void First_request_misses_and_later_requests_hit_the_same_rule_set()
    {
        var cache = new RuleCache();

        var first = cache.Get(TestData.RulesDirectory);
        cache.Statistics.ShouldBe(new(Hits: 0, Misses: 1, Entries: 1));

        for (var i = 0; i < 4; i++)
        {
            cache.Get(TestData.RulesDirectory).ShouldBeSameAs(first);
        }

        cache.Statistics.ShouldBe(new(Hits: 4, Misses: 1, Entries: 1));
        cache.Statistics.HitRate.ShouldBe(0.8);
    }

    [Fact]
    public void Equivalent_paths_share_one_entry()
    {
        var cache = new RuleCache();
        var first = cache.Get(TestData.RulesDirectory);

        cache.Get(Path.Combine(TestData.RulesDirectory, "..", "Data")).ShouldBeSameAs(first);

        cache.Statistics.ShouldBe(new(Hits: 1, Misses: 1, Entries: 1));
    }

    [Fact]
    public void Concurrent_first_requests_load_once()
    {
        var cache = new RuleCache();

        var sets = new RuleSet[32];
        Parallel.For(0, sets.Length, i => sets[i] = cache.Get(TestData.RulesDirectory));

        sets.Distinct().Count().ShouldBe(1);
        cache.Statistics.ShouldBe(new(Hits: 31, Misses: 1, Entries: 1));
    }

    [Fact]
    public void An_empty_cache_has_hit_rate_zero_and_clear_resets_it()
    {
        var cache = new RuleCache();
        cache.Statistics.HitRate.ShouldBe(0);

        cache.Get(TestData.RulesDirectory);
        cache.Get(TestData.RulesDirectory);
        cache.Clear();

        cache.Statistics.ShouldBe(new(Hits: 0, Misses: 0, Entries: 0));
    }
}
