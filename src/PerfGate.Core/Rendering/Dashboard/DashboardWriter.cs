namespace PerfGate.Core.Rendering.Dashboard;

/// <summary>Writes the rendered dashboard to <c>index.html</c> in a folder: the I/O rim of <see cref="DashboardRenderer"/>.</summary>
public static class DashboardWriter
{
    public const string FileName = "index.html";

    /// <summary>Writes <c>outDir/index.html</c> atomically (temp file, then move) and returns its full path.</summary>
    public static string Write(DashboardData data, string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var path = Path.GetFullPath(Path.Combine(outDir, FileName));
        AtomicFile.WriteText(path, DashboardRenderer.Render(data));
        return path;
    }
}
