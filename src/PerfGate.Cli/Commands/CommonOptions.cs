using System.CommandLine;
using System.Globalization;
using PerfGate.Cli.Output;
using PerfGate.Core.History;

namespace PerfGate.Cli.Commands;

/// <summary>Options more than one verb takes, built fresh for each command (an option belongs to one parent).</summary>
internal static class CommonOptions
{
    public const string DefaultHistoryPath = ".perfgate/history.db";

    /// <summary><c>--history</c>: a SQLite file or a PostgreSQL connection string; unset, PERFGATE_HISTORY, else the default file.</summary>
    public static Option<string> History(CliEnvironment env) => new("--history")
    {
        Description = $"The history: a SQLite file (default: {DefaultHistoryPath}, git-ignored) or a PostgreSQL connection string "
            + $"('Host=…;Database=…' or postgres://…; prefer the {HistoryAccess.HistoryVariable} variable, which keeps the password out of logs).",
        DefaultValueFactory = _ => env.Get(HistoryAccess.HistoryVariable) ?? DefaultHistoryPath,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Show stack traces and more detail on errors.",
    };

    /// <summary>
    /// How the CLI opens the history: the busy timeout is 10 s unless <c>PERFGATE_BUSY_TIMEOUT_MS</c> says otherwise
    /// (docs/history.md). A value that is not a non-negative integer is a usage error.
    /// </summary>
    public static SqliteHistoryOptions HistoryOptions(CliEnvironment env)
    {
        if (env.Get(BusyTimeoutVariable) is not { } text)
        {
            return SqliteHistoryOptions.Default;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            throw new UsageException($"{BusyTimeoutVariable} must be a whole number of milliseconds (0 or more), not '{text}'");
        }

        return SqliteHistoryOptions.Default with { BusyTimeout = TimeSpan.FromMilliseconds(milliseconds) };
    }

    public const string BusyTimeoutVariable = "PERFGATE_BUSY_TIMEOUT_MS";

    public static Option<string[]> Paths(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary><c>--format</c>, limited to the formats the verb can write; table by default.</summary>
    public static Option<OutputFormat> Format(params OutputFormat[] allowed)
    {
        var names = (allowed.Length > 0 ? allowed : Enum.GetValues<OutputFormat>()).Select(f => f.ToString().ToLowerInvariant()).ToArray();
        // No DefaultValueFactory: help would print the enum's name ("Table"); unset, the value is OutputFormat.Table (0).
        var option = new Option<OutputFormat>("--format")
        {
            Description = $"Output format: {string.Join(" | ", names)} (default: {names[0]}).",
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }
}
