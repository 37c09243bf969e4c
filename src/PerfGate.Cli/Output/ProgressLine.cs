using System.Diagnostics;
using System.Globalization;

namespace PerfGate.Cli.Output;

/// <summary>
/// One self-overwriting progress line on the error stream (<c>reading history… 1,200 runs</c>), shown only when that
/// stream is a terminal and at most ten times a second; cleared when disposed. Off a terminal it writes nothing.
/// </summary>
public sealed class ProgressLine : IDisposable
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private readonly TextWriter? _error;
    private readonly string _label;
    private long _last;
    private int _width;

    public ProgressLine(CliEnvironment env, string label)
    {
        _error = env.IsErrorTerminal ? env.Error : null;
        _label = label;
    }

    public void Report(long done, string unit, long? total = null)
    {
        if (_error is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (now - _last < Interval && (total is null || done < total))
        {
            return;
        }

        _last = now;
        var text = total is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{_label}… {done:N0}/{t:N0} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{_label}… {done:N0} {unit}");
        _error.Write("\r" + text.PadRight(_width));
        _width = text.Length;
    }

    public void Dispose()
    {
        if (_error is not null && _width > 0)
        {
            _error.Write("\r" + new string(' ', _width) + "\r");
        }
    }
}
