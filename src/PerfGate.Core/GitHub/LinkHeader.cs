using System.Text.RegularExpressions;

namespace PerfGate.Core.GitHub;

/// <summary>Parses GitHub's RFC 8288 pagination header: <c>&lt;https://…&amp;page=2&gt;; rel="next", &lt;…&gt;; rel="last"</c>.</summary>
public static partial class LinkHeader
{
    public static Uri? Next(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            foreach (Match match in LinkPattern().Matches(value))
            {
                var rels = match.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (rels.Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>\s*;\s*rel\s*=\s*""(?<rel>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
