using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PerfGate.Sample.Rules;

/// <summary>A <see cref="RuleCheck"/> with its patterns turned into <see cref="Regex"/> objects.</summary>
internal sealed class CompiledCheck
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private CompiledCheck(
        ImmutableArray<(string Source, Regex Regex)> forbidden,
        ImmutableArray<Regex> required,
        ImmutableArray<(string Word, Regex Regex)> forbiddenWords,
        ImmutableArray<Regex> termForbidden,
        StringComparison comparison)
    {
        Forbidden = forbidden;
        Required = required;
        ForbiddenWords = forbiddenWords;
        TermForbidden = termForbidden;
        Comparison = comparison;
    }

    public ImmutableArray<(string Source, Regex Regex)> Forbidden { get; }
    public ImmutableArray<Regex> Required { get; }
    public ImmutableArray<(string Word, Regex Regex)> ForbiddenWords { get; }
    public ImmutableArray<Regex> TermForbidden { get; }
    public StringComparison Comparison { get; }

    public static CompiledCheck From(RuleCheck check)
    {
        var options = RegexOptions.CultureInvariant | (check.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new CompiledCheck(
            check.ForbiddenPatterns.Select(p => (p, new Regex(p, options, MatchTimeout))).ToImmutableArray(),
            check.RequiredPatterns.Select(p => new Regex(p, options, MatchTimeout)).ToImmutableArray(),
            check.ForbiddenWords.Select(w => (w, WholeWord(w, options))).ToImmutableArray(),
            check.TermForbiddenPatterns.Select(p => new Regex(p, options, MatchTimeout)).ToImmutableArray(),
            check.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }

    // A word or phrase bounded by non-word characters; \b fails for phrases ending in '.', like "e.g.".
    private static Regex WholeWord(string word, RegexOptions options) =>
        new(@"(?<![\w])" + Regex.Escape(word) + @"(?![\w])", options, MatchTimeout);
}
