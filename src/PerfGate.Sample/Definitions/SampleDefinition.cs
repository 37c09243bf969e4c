namespace PerfGate.Sample.Definitions;

/// <summary>An entry of the shipped sample data set, labelled as a known-good or known-bad definition.</summary>
public sealed record SampleDefinition(int Id, string Term, string Context, string Text, string Quality)
{
    public bool IsKnownGood => string.Equals(Quality, "good", StringComparison.Ordinal);
}
