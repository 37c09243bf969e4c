namespace PerfGate.Core.History;

/// <summary>
/// The history file cannot be used: not a database, corrupted, locked beyond the busy timeout, or not writable.
/// The message names the file, the problem and the way out (docs/history.md); the CLI exits with code 2.
/// </summary>
public sealed class HistoryException : Exception
{
    public HistoryException()
    {
    }

    public HistoryException(string message)
        : base(message)
    {
    }

    public HistoryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
