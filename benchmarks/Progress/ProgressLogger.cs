using System.Globalization;
using System.Text;
using BenchmarkDotNet.Loggers;

namespace PerfGate.Benchmarks.Progress;

/// <summary>
/// BenchmarkDotNet's console logger in a quiet run: it shows nothing itself (the full log still goes to BenchmarkDotNet's
/// log file), reads the <c>// Launch: 2 / 3</c> lines for the display and passes error lines on.
/// </summary>
public sealed class ProgressLogger(ProgressTracker tracker) : ILogger
{
    private const string LaunchPrefix = "// Launch: ";
    private readonly StringBuilder _line = new();
    private LogKind _kind = LogKind.Default;

    public string Id => nameof(ProgressLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        lock (_line)
        {
            if (_line.Length == 0)
            {
                _kind = logKind;
            }

            _line.Append(text);
        }
    }

    public void WriteLine() => WriteLine(LogKind.Default, "");

    public void WriteLine(LogKind logKind, string text)
    {
        string line;
        LogKind kind;
        lock (_line)
        {
            kind = _line.Length == 0 ? logKind : _kind;
            line = _line.Append(text).ToString();
            _line.Clear();
        }

        Consume(kind, line);
    }

    public void Flush()
    {
    }

    private void Consume(LogKind kind, string line)
    {
        if (kind == LogKind.Error && line.Trim().Length > 0)
        {
            tracker.ErrorLine(line);
        }
        else if (line.StartsWith(LaunchPrefix, StringComparison.Ordinal) && ParseLaunch(line[LaunchPrefix.Length..]) is { } launch)
        {
            tracker.Launch(launch.Number, launch.Count);
        }
    }

    /// <summary>"2 / 3" → (2, 3); "1" (BenchmarkDotNet's automatic launch count) → (1, 1).</summary>
    internal static (int Number, int Count)? ParseLaunch(string text)
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var count = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1;
        return (number, count);
    }
}
