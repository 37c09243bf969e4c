using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

/// <summary>Turns SQLite's result codes into <see cref="HistoryException"/>s that say what happened and what to do.</summary>
internal static class SqliteFailures
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Auth = 23;
    private const int NotADb = 26;

    public const string CorruptionRecovery =
        "Move the file aside (rename it, e.g. to history.db.broken) and PerfGate starts a new, empty history on the next run; "
        + "`perfgate history prune` cannot repair it. To keep the past, restore the file from the CI artifact or cache it came from "
        + "(or try `sqlite3 <file> .recover`).";

    public static HistoryException Translate(string path, SqliteException exception, TimeSpan busyTimeout) =>
        (exception.SqliteErrorCode & 0xFF) switch
        {
            NotADb => new HistoryException(path, HistoryFailure.NotADatabase,
                $"not a SQLite database (or encrypted, or damaged beyond its header). {CorruptionRecovery}", exception),
            Corrupt => new HistoryException(path, HistoryFailure.Corrupt,
                $"the history file is damaged ({exception.Message.TrimEnd('.')}). {CorruptionRecovery}", exception),
            ReadOnly or Perm or Auth => new HistoryException(path, HistoryFailure.ReadOnly,
                "the history cannot be written: the file or its folder is read-only (SQLite also creates '-wal' and '-shm' files next to it). "
                + "Make both writable, or point PerfGate at a history file in a writable folder.", exception),
            CantOpen => new HistoryException(path, HistoryFailure.CannotOpen,
                "cannot open the history file: the folder is missing or not writable, or the path is a folder. "
                + "Check the path and permissions.", exception),
            Busy or Locked => new HistoryException(path, HistoryFailure.Locked,
                $"the history stayed locked by another process for more than {busyTimeout.TotalSeconds:0.#} s "
                + "(another perfgate recording or pruning, or a sqlite3 shell holding a transaction). Retry, or raise the busy timeout.", exception),
            Full => new HistoryException(path, HistoryFailure.IoError,
                "the disk is full; nothing was recorded. Free space and retry.", exception),
            IoErr => new HistoryException(path, HistoryFailure.IoError,
                $"I/O error while using the history ({exception.Message.TrimEnd('.')}); nothing half-written was kept. Check the disk and retry.", exception),
            _ => new HistoryException(path, HistoryFailure.Other,
                $"SQLite error {exception.SqliteErrorCode}: {exception.Message}", exception),
        };
}
