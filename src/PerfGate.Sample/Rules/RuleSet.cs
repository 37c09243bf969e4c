using System.Collections.Immutable;

namespace PerfGate.Sample.Rules;

/// <summary>The rules loaded from one directory, ordered by id.</summary>
public sealed class RuleSet
{
    public RuleSet(string sourceDirectory, IEnumerable<Rule> rules)
    {
        SourceDirectory = sourceDirectory;
        Rules = [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
        TotalWeight = Rules.Sum(r => r.Weight);
        Fingerprint = string.Join('|', Rules.Select(r => r.Id)).GetHashCode(StringComparison.Ordinal);
        Categories = [.. Rules.Select(r => r.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public string SourceDirectory { get; }
    public ImmutableArray<Rule> Rules { get; }
    public ImmutableArray<string> Categories { get; }
    public double TotalWeight { get; }

    /// <summary>Identifies the rule set's content within this process (used in cache keys).</summary>
    public int Fingerprint { get; }

    public int Count => Rules.Length;

    public IEnumerable<Rule> InCategory(string category) =>
        Rules.Where(r => string.Equals(r.Category, category, StringComparison.Ordinal));
}
