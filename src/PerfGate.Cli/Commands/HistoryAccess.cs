using PerfGate.Core.History;
using PerfGate.Core.History.Postgres;

namespace PerfGate.Cli.Commands;

/// <summary>
/// Opens the history the user named: a SQLite file (the default, <c>.perfgate/history.db</c>) or a PostgreSQL database
/// when the value is a connection string (<c>Host=…</c>, <c>postgres://…</c>, <c>postgresql://…</c>), from
/// <c>--history</c> or the <c>PERFGATE_HISTORY</c> variable (which keeps the password off the command line). For the
/// reading verbs a missing SQLite file is a usage error that says how to make one.
/// </summary>
internal static class HistoryAccess
{
    /// <summary>The variable naming the history when <c>--history</c> is not given (a path or a connection string).</summary>
    public const string HistoryVariable = "PERFGATE_HISTORY";

    /// <summary>The project (repository) key of a PostgreSQL history when <c>--project</c> is not given.</summary>
    public const string ProjectVariable = "PERFGATE_PROJECT";

    public static bool IsPostgres(string location) => PostgresLocation.IsConnectionString(location);

    public static IHistoryOperations OpenExisting(CliEnvironment env, string location)
    {
        if (IsPostgres(location))
        {
            return OpenPostgres(env, location);
        }

        var full = env.Resolve(location);
        if (!File.Exists(full))
        {
            throw new UsageException($"{full}: no history file; record runs with 'perfgate check --record' (or pass --history)");
        }

        return new SqliteHistoryStore(full, CommonOptions.HistoryOptions(env));
    }

    /// <summary>The history, or null when it is a SQLite file that does not exist and <paramref name="createIfMissing"/> is false.</summary>
    public static IHistoryOperations? Open(CliEnvironment env, string location, bool createIfMissing)
    {
        if (IsPostgres(location))
        {
            return OpenPostgres(env, location);
        }

        var full = env.Resolve(location);
        return !File.Exists(full) && !createIfMissing ? null : new SqliteHistoryStore(full, CommonOptions.HistoryOptions(env));
    }

    /// <summary>The history's name for messages: the full path, or the database without its password.</summary>
    public static string Describe(CliEnvironment env, string location) =>
        IsPostgres(location) ? PostgresLocation.Parse(location).Display : env.Resolve(location);

    public static PostgresHistoryStore OpenPostgres(CliEnvironment env, string location) =>
        new(PostgresLocation.Parse(location), new PostgresHistoryOptions { Project = Project(env) });

    /// <summary><c>--project</c> (passed on as PERFGATE_PROJECT), else GITHUB_REPOSITORY, else <c>default</c>.</summary>
    public static string Project(CliEnvironment env) =>
        env.Get(ProjectVariable)?.Trim() is { Length: > 0 } project ? project
        : env.Get("GITHUB_REPOSITORY") ?? PostgresHistoryOptions.DefaultProject;
}
