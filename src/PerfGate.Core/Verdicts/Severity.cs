namespace PerfGate.Core.Verdicts;

/// <summary>Ordered: the worst severity of all findings wins. Serialized in lower case (<c>ok|warning|error|critical</c>).</summary>
public enum Severity
{
    Ok = 0,
    Warning = 1,
    Error = 2,
    Critical = 3,
}
