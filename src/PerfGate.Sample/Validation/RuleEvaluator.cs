using System.Globalization;
using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Validation;

/// <summary>Applies one rule's compiled check to a definition; returns the first failure found, or null.</summary>
internal static class RuleEvaluator
{
    public static string? FirstFailure(Rule rule, DefinitionInput input, in TextStatistics stats)
    {
        var check = rule.Check;
        var compiled = rule.Compiled;
        var text = input.Text.Trim();

        foreach (var start in check.ForbiddenStarts)
        {
            if (text.StartsWith(start, compiled.Comparison))
            {
                return $"starts with '{start.Trim()}'";
            }
        }

        foreach (var (source, regex) in compiled.Forbidden)
        {
            var match = regex.Match(text);
            if (match.Success)
            {
                return $"contains '{match.Value.Trim()}' (pattern {source})";
            }
        }

        if (!compiled.Required.IsEmpty && !compiled.Required.Any(r => r.IsMatch(text)))
        {
            return "does not have the required form";
        }

        foreach (var (word, regex) in compiled.ForbiddenWords)
        {
            if (regex.IsMatch(text))
            {
                return $"uses '{word}'";
            }
        }

        if (check.MustNotContainTerm && input.Term.Length > 0 && text.Contains(input.Term.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return $"contains the term '{input.Term}' itself";
        }

        return Limits(check, stats) ?? TermFailure(check, compiled, input.Term);
    }

    private static string? Limits(RuleCheck check, in TextStatistics stats) =>
        check switch
        {
            { MinLength: { } min } when stats.Length < min => Format("has {0} characters; at least {1} expected", stats.Length, min),
            { MaxLength: { } max } when stats.Length > max => Format("has {0} characters; at most {1} allowed", stats.Length, max),
            { MinWords: { } min } when stats.Words < min => Format("has {0} words; at least {1} expected", stats.Words, min),
            { MaxWords: { } max } when stats.Words > max => Format("has {0} words; at most {1} allowed", stats.Words, max),
            { MaxSentences: { } max } when stats.Sentences > max => Format("has {0} sentences; at most {1} allowed", stats.Sentences, max),
            _ => null,
        };

    private static string? TermFailure(RuleCheck check, CompiledCheck compiled, string term)
    {
        if (check.TermMaxWords is { } maxWords && TextStatistics.CountWords(term) > maxWords)
        {
            return Format("term has more than {0} words", maxWords, 0);
        }

        foreach (var regex in compiled.TermForbidden)
        {
            if (regex.IsMatch(term))
            {
                return $"term '{term}' has a form this rule forbids";
            }
        }

        return null;
    }

    private static string Format(string format, int a, int b) => string.Format(CultureInfo.InvariantCulture, format, a, b);
}
