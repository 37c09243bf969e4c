using System.Text;

namespace PerfGate.Core;

/// <summary>
/// Writes a file so that readers see the old content or the whole new content, never half of it: a temporary file in
/// the same folder (named <c>.{name}.{guid}.tmp</c>), flushed to disk, then moved over the target. On any failure the
/// target is untouched and the temporary file removed. Used for the baseline, the dashboard and exports.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes UTF-8 text (no byte-order mark) through <paramref name="write"/>; creates the folder; returns what <paramref name="write"/> returned.</summary>
    public static T Write<T>(string path, Func<TextWriter, T> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                result = write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return result;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8.</summary>
    public static void WriteText(string path, string text) => Write(path, writer =>
    {
        writer.Write(text);
        return true;
    });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: the temporary name starts with '.', and the next write uses a new one
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
