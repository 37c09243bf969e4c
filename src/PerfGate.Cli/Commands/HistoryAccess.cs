using PerfGate.Core.History;

namespace PerfGate.Cli.Commands;

/// <summary>Opens the history for the reading verbs: a missing file is a usage error that says how to make one.</summary>
internal static class HistoryAccess
{
    public static SqliteHistoryStore OpenExisting(CliEnvironment env, string path)
    {
        var full = env.Resolve(path);
        if (!File.Exists(full))
        {
            throw new UsageException($"{full}: no history file; record runs with 'perfgate check --record' (or pass --history)");
        }

        return new SqliteHistoryStore(full, CommonOptions.HistoryOptions(env));
    }
}
