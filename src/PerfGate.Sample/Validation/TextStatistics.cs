using System.Text.RegularExpressions;

namespace PerfGate.Sample.Validation;

/// <summary>Word and sentence counts of a definition text, computed once per validation.</summary>
internal readonly record struct TextStatistics(int Words, int Sentences, int Length)
{
    // A sentence ends at . ! or ? followed by whitespace and a capital letter; this keeps "e.g. a" in one sentence.
    private static readonly Regex SentenceBreak = new(@"[.!?]\s+(?=[A-Z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static TextStatistics Of(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return new TextStatistics(0, 0, 0);
        }

        return new TextStatistics(CountWords(trimmed), SentenceBreak.Count(trimmed) + 1, trimmed.Length);
    }

    public static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = !char.IsWhiteSpace(c);
            if (isWordChar && !inWord)
            {
                words++;
            }

            inWord = isWordChar;
        }

        return words;
    }
}
