using System.Text;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Configuration;

/// <summary>Simple globs over benchmark ids: <c>*</c> any run of characters, <c>?</c> one character; case-sensitive.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string text) =>
        Regex.IsMatch(text, ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        foreach (var c in pattern)
        {
            sb.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return sb.Append('$').ToString();
    }
}
