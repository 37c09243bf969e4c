namespace PerfGate.Core.History;

/// <summary>
/// The history file could not be opened, read or written. The message names the file, the problem and what to
/// do about it; the store's public members throw nothing else for storage problems (no raw <c>SqliteException</c>).
/// Argument mistakes (an empty branch, duplicate series in one run) remain <see cref="ArgumentException"/>s.
/// </summary>
public sealed class HistoryException : Exception
{
    public HistoryException(string path, HistoryFailure failure, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Failure = failure;
        Problem = problem;
    }

    public HistoryException()
    {
        Path = "";
        Problem = "";
        Failure = HistoryFailure.Other;
    }

    public HistoryException(string message)
        : base(message)
    {
        Path = "";
        Problem = message;
        Failure = HistoryFailure.Other;
    }

    public HistoryException(string message, Exception inner)
        : base(message, inner)
    {
        Path = "";
        Problem = message;
        Failure = HistoryFailure.Other;
    }

    /// <summary>The history file.</summary>
    public string Path { get; }

    public HistoryFailure Failure { get; }

    /// <summary>The message without the path.</summary>
    public string Problem { get; }
}
