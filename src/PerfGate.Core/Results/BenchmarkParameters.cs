using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// Reads BenchmarkDotNet's <c>Parameters</c> text, <c>ParameterInstances.PrintInfo</c>: <c>name=value</c> pairs joined
/// with <c>&amp;</c> (the same in 0.12 to 0.14), and canonicalises it to "a=1, b=2" sorted by name.
/// </summary>
/// <remarks>
/// A value may itself contain '&amp;' or ", ", so a piece that does not start with an identifier and '=' is glued back
/// onto the previous value. BenchmarkDotNet shortens long values for display (<c>ToDisplayText</c>); two cases that
/// differ only past that point get the same id and are reported as duplicates.
/// </remarks>
internal static partial class BenchmarkParameters
{
    public static IReadOnlyList<KeyValuePair<string, string>> Split(string? printInfo)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(printInfo))
        {
            return pairs;
        }

        foreach (var piece in printInfo.Split('&'))
        {
            var match = NamePrefix().Match(piece);
            if (match.Success)
            {
                pairs.Add(new(match.Groups["name"].Value, piece[match.Length..]));
            }
            else if (pairs.Count > 0)
            {
                var last = pairs[^1];
                pairs[^1] = new(last.Key, last.Value + "&" + piece);
            }
            else
            {
                pairs.Add(new(piece, ""));
            }
        }

        return pairs;
    }

    public static string Canonical(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=", RegexOptions.CultureInvariant)]
    private static partial Regex NamePrefix();
}
