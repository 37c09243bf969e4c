using System.Collections.Immutable;

namespace PerfGate.Sample.Rules;

/// <summary>
/// The declarative part of a rule as read from its data file. Every constraint is optional;
/// a rule is violated when any of its constraints fails.
/// </summary>
public sealed record RuleCheck
{
    /// <summary>Regular expressions that must not match the definition.</summary>
    public ImmutableArray<string> ForbiddenPatterns { get; init; } = [];

    /// <summary>Regular expressions of which at least one must match the definition.</summary>
    public ImmutableArray<string> RequiredPatterns { get; init; } = [];

    /// <summary>Words or phrases that must not occur as whole words.</summary>
    public ImmutableArray<string> ForbiddenWords { get; init; } = [];

    /// <summary>Prefixes the definition must not start with (case-insensitive).</summary>
    public ImmutableArray<string> ForbiddenStarts { get; init; } = [];

    /// <summary>Regular expressions that must not match the term being defined.</summary>
    public ImmutableArray<string> TermForbiddenPatterns { get; init; } = [];

    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public int? MinWords { get; init; }
    public int? MaxWords { get; init; }
    public int? MaxSentences { get; init; }
    public int? TermMaxWords { get; init; }

    /// <summary>The definition must not contain the term itself (circular definition).</summary>
    public bool MustNotContainTerm { get; init; }

    /// <summary>Patterns and words are matched case-sensitively (default: ignore case).</summary>
    public bool CaseSensitive { get; init; }
}
