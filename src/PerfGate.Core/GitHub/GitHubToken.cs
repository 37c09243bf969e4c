using System.Diagnostics;

namespace PerfGate.Core.GitHub;

/// <summary>
/// A GitHub token that does not print itself: <see cref="ToString"/> is <c>***</c>, so a token in a record, a log
/// line or an exception message built by interpolation stays hidden. Only the connection calls <see cref="Reveal"/>.
/// </summary>
[DebuggerDisplay("***")]
public sealed class GitHubToken
{
    private readonly string _value;

    public GitHubToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>The secret itself, for the Authorization header and <c>::add-mask::</c>; never log it.</summary>
    public string Reveal() => _value;

    /// <summary>Replaces every occurrence of the token in <paramref name="text"/> with <c>***</c> (belt and braces for messages).</summary>
    public string Redact(string text) => text.Replace(_value, "***", StringComparison.Ordinal);

    public override string ToString() => "***";
}
