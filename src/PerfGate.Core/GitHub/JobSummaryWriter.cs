using System.Text;

namespace PerfGate.Core.GitHub;

/// <summary>Appends markdown to the job summary file (<c>GITHUB_STEP_SUMMARY</c>). GitHub shows up to 1 MiB per step.</summary>
public static class JobSummaryWriter
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Appends (creating the file if missing), UTF-8 without BOM, separated from earlier content by a blank line.</summary>
    public static void Append(string path, string markdown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = markdown.EndsWith('\n') ? markdown : markdown + "\n";
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            text = "\n" + text;
        }

        File.AppendAllText(path, text, Utf8NoBom);
    }
}
