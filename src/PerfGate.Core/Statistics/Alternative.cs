namespace PerfGate.Core.Statistics;

/// <summary>The alternative hypothesis of a two-sample test. <see cref="Greater"/>: x tends to be larger than y.</summary>
public enum Alternative
{
    TwoSided,
    Greater,
    Less,
}
