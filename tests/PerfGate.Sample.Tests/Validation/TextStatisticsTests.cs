using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Tests.Validation;

public sealed class TextStatisticsTests
{
    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("one", 1, 1)]
    [InlineData("  two words  ", 2, 1)]
    [InlineData("check, e.g. a register of data", 6, 1)]
    [InlineData("First sentence. Second one! Third? yes", 6, 3)]
    public void Counts_words_and_sentences(string text, int words, int sentences)
    {
        var stats = TextStatistics.Of(text);

        stats.Words.ShouldBe(words);
        stats.Sentences.ShouldBe(sentences);
    }
}
