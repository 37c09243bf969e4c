using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>The page's shell, style and script, embedded in the assembly from <c>Assets/</c>.</summary>
internal static class DashboardTemplate
{
    public static readonly string Html = Load("dashboard.html");
    public static readonly string Style = Load("dashboard.css");
    public static readonly string Script = Load("dashboard.js");

    /// <summary>The CSP source for an inline block: the page allows exactly its own style and script, nothing injected.</summary>
    public static string CspHash(string inlineText) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineText))) + "'";

    private static string Load(string name)
    {
        var resource = "PerfGate.Core.Rendering.Dashboard.Assets." + name;
        using var stream = typeof(DashboardTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from {typeof(DashboardTemplate).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // A Windows checkout may turn LF into CRLF; the page (and its snapshot and CSP hashes) must not change with it.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
