using PerfGate.Sample.Prompts;
using PerfGate.Sample.Prompts.Modules;
using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Tests.Prompts;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   \n\t", 0)]
    [InlineData("permit", 1)]
    [InlineData("Hello, world!", 4)]
    [InlineData("abcdefg", 2)]
    [InlineData("abcdefghij", 2)]
    [InlineData("abcdefghijk", 3)]
    [InlineData("internationalisation", 5)]
    [InlineData("ARAI-01 (weight 1.0)", 9)]
    public void Counts_words_by_length_and_each_punctuation_mark(string text, int expected) =>
        TokenEstimator.Estimate(text).ShouldBe(expected);

    [Fact]
    public void The_reference_prompt_has_a_fixed_token_count()
    {
        // A change here means the prompt or the estimator changed: update deliberately (API-002 follows it).
        var rules = RuleLoader.Load(TestData.RulesDirectory);
        var prompt = new PromptOrchestrator(StandardModules.Create(), 2).Build(new PromptContext("permit", "environmental law", rules));

        prompt.TokenCount.ShouldBe(ReferencePromptTokens);
        TokenEstimator.Estimate(prompt.Text).ShouldBe(ReferencePromptTokens);
    }

    internal const int ReferencePromptTokens = 2568;
}
