namespace PerfGate.Sample.Prompts;

/// <summary>
/// A deterministic, BPE-like token estimate (API-002), so the figure is stable across runs and machines.
/// The text is split into runs of letters/digits and single other non-space characters:
/// each punctuation or symbol character is one token; a word of up to 6 characters is one token,
/// and every further started block of 4 characters adds one (common English words are single BPE
/// tokens; long and rare words split into pieces of roughly four characters). Whitespace is free.
/// </summary>
public static class TokenEstimator
{
    private const int WholeWordLength = 6;
    private const int PieceLength = 4;

    public static int Estimate(string text)
    {
        var tokens = 0;
        var wordLength = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                wordLength++;
                continue;
            }

            tokens += WordTokens(wordLength);
            wordLength = 0;
            if (!char.IsWhiteSpace(c))
            {
                tokens++;
            }
        }

        return tokens + WordTokens(wordLength);
    }

    private static int WordTokens(int length) =>
        length == 0 ? 0 : length <= WholeWordLength ? 1 : 1 + ((length - WholeWordLength + PieceLength - 1) / PieceLength);
}
