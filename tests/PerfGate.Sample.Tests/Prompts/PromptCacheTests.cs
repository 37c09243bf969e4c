using System.Collections.Immutable;
using PerfGate.Sample.Prompts;

namespace PerfGate.Sample.Tests.Prompts;

public sealed class PromptCacheTests
{
    private static PromptResult Prompt(string text) => new(text, 1, [], [], ImmutableDictionary<string, ModuleOutput>.Empty);

    [Fact]
    public void Counts_hits_and_misses_and_builds_only_on_a_miss()
    {
        var cache = new PromptCache(capacity: 4);
        var builds = 0;

        for (var i = 0; i < 5; i++)
        {
            cache.GetOrAdd("k", () => { builds++; return Prompt("p"); }).Text.ShouldBe("p");
        }

        builds.ShouldBe(1);
        cache.Statistics.ShouldBe(new(Hits: 4, Misses: 1, Entries: 1));
    }

    [Fact]
    public void Evicts_the_least_recently_used_entry()
    {
        var cache = new PromptCache(capacity: 2);
        cache.GetOrAdd("a", () => Prompt("a"));
        cache.GetOrAdd("b", () => Prompt("b"));
        cache.GetOrAdd("a", () => Prompt("a2"));
        cache.GetOrAdd("c", () => Prompt("c"));

        cache.GetOrAdd("a", () => Prompt("a3")).Text.ShouldBe("a");
        cache.GetOrAdd("b", () => Prompt("b2")).Text.ShouldBe("b2");
        cache.Statistics.ShouldBe(new(Hits: 2, Misses: 4, Entries: 2));
    }

    [Fact]
    public void Capacity_must_be_positive() => Should.Throw<ArgumentOutOfRangeException>(() => new PromptCache(0));
}
