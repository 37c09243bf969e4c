using Npgsql;

namespace PerfGate.Core.History.Postgres;

/// <summary>Turns Npgsql's exceptions into <see cref="HistoryException"/>s that say what to do, with the password masked out.</summary>
internal static class PostgresFailures
{
    public static HistoryException Translate(string path, PostgresLocation location, Exception exception, TimeSpan timeout)
    {
        var inner = new PostgresFailureDetail(location.Mask(exception.Message), exception);
        return exception switch
        {
            PostgresException { SqlState: "28P01" or "28000" } e => new(path, HistoryFailure.CannotOpen,
                $"the PostgreSQL server refused the login ({location.Mask(e.MessageText)}). Check the user and password "
                + "(give the connection string through PERFGATE_HISTORY, or the password through PGPASSWORD, to keep it out of logs).", inner),
            PostgresException { SqlState: "3D000" } e => new(path, HistoryFailure.CannotOpen,
                $"the database does not exist ({location.Mask(e.MessageText)}). Create it (createdb) or fix Database=.", inner),
            PostgresException { SqlState: "42501" or "25006" } e => new(path, HistoryFailure.ReadOnly,
                $"the history cannot be written ({location.Mask(e.MessageText)}): the user lacks the privilege or the server is read-only.", inner),
            PostgresException { SqlState: "55P03" or "57014" } or NpgsqlException { InnerException: TimeoutException } or TimeoutException => new(path, HistoryFailure.Locked,
                $"the PostgreSQL history did not answer within {timeout.TotalSeconds:0.#} s (a lock held by another recorder, or a busy server). Retry.", inner),
            PostgresException { SqlState: "53100" or "53200" } e => new(path, HistoryFailure.IoError,
                $"the PostgreSQL server is out of space or memory ({location.Mask(e.MessageText)}); nothing was recorded.", inner),
            PostgresException e => new(path, HistoryFailure.Other,
                $"PostgreSQL error {e.SqlState}: {location.Mask(e.MessageText)}", inner),
            _ => new(path, HistoryFailure.CannotOpen,
                $"cannot use the PostgreSQL server ({location.Mask(exception.Message).TrimEnd('.')}). Check that it runs and that Host= and Port= are right.", inner),
        };
    }
}

/// <summary>
/// The original exception's message with the password masked, kept as the inner exception (<c>--verbose</c> prints it);
/// the original is reachable through <see cref="Original"/> for the retry rule, but is not in <see cref="Exception.ToString"/>.
/// </summary>
internal sealed class PostgresFailureDetail(string message, Exception original) : Exception(message)
{
    public Exception Original { get; } = original;
}
