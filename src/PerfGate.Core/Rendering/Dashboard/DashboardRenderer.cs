using System.Net;
using System.Text;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>
/// Renders the dashboard as one self-contained HTML page: inline CSS and vanilla JS, the data embedded as
/// JSON, no external file and no network (its Content-Security-Policy forbids any). The script draws
/// everything from the data with DOM APIs and <c>textContent</c>, so names are always shown as text.
/// </summary>
public static class DashboardRenderer
{
    public static string Render(DashboardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var style = DashboardTemplate.Style;
        var script = DashboardTemplate.Script;
        var csp = $"default-src 'none'; script-src {DashboardTemplate.CspHash(script)}; style-src {DashboardTemplate.CspHash(style)}; img-src data:; connect-src blob:; base-uri 'none'; form-action 'none'";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = WebUtility.HtmlEncode(data.Title),
            ["CSP"] = WebUtility.HtmlEncode(csp),
            ["STYLE"] = style,
            ["DATA"] = DashboardJson.Write(data),
            ["SCRIPT"] = script,
        };
        return Fill(DashboardTemplate.Html, values);
    }

    // One pass over the template, so a value that happens to contain "{{DATA}}" is never expanded again.
    private static string Fill(string template, Dictionary<string, string> values)
    {
        var result = new StringBuilder(template.Length + values.Values.Sum(v => v.Length));
        var at = 0;
        while (true)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            var name = template[(open + 2)..close];
            result.Append(template, at, open - at).Append(values[name]);
            at = close + 2;
        }

        return result.Append(template, at, template.Length - at).ToString();
    }
}
