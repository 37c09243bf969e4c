using System.Text;

namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>Writes the rendered dashboard to <c>index.html</c> in a folder: the I/O rim of <see cref="DashboardRenderer"/>.</summary>
public static class DashboardWriter
{
    public const string FileName = "index.html";

    /// <summary>Writes <c>outDir/index.html</c> atomically (temp file, then move) and returns its full path.</summary>
    public static string Write(DashboardData data, string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var html = DashboardRenderer.Render(data);
        Directory.CreateDirectory(outDir);
        var path = Path.GetFullPath(Path.Combine(outDir, FileName));
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return path;
    }
}
