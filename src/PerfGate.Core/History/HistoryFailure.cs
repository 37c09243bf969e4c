namespace PerfGate.Core.History;

/// <summary>Why the history could not be used; the CLI maps every kind to exit code 2 with the message.</summary>
public enum HistoryFailure
{
    /// <summary>The file is not a SQLite database (random bytes, another format, encrypted).</summary>
    NotADatabase,

    /// <summary>The file is a SQLite database but damaged (truncated, overwritten pages).</summary>
    Corrupt,

    /// <summary>A SQLite database, but not a PerfGate history (tables of another application).</summary>
    ForeignDatabase,

    /// <summary>The history was written by a newer PerfGate whose schema this version does not know.</summary>
    NewerSchema,

    /// <summary>The file or its folder cannot be written.</summary>
    ReadOnly,

    /// <summary>The file or its folder cannot be created or opened.</summary>
    CannotOpen,

    /// <summary>Another process held the write lock for longer than the busy timeout.</summary>
    Locked,

    /// <summary>The disk is full or an I/O error occurred.</summary>
    IoError,

    /// <summary>Any other SQLite error.</summary>
    Other,
}
