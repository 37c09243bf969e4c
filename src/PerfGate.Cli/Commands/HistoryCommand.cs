using System.CommandLine;
using PerfGate.Core.History;

namespace PerfGate.Cli.Commands;

/// <summary><c>perfgate history prune</c>: apply retention (raw runs 30 days, then daily aggregates for 365 days; alerts kept).</summary>
internal static class HistoryCommand
{
    public static Command Create(CliEnvironment env)
    {
        var history = CommonOptions.History(env);
        var verbose = CommonOptions.Verbose();
        var prune = new Command("prune", "Turn runs older than 30 days into daily aggregates; drop aggregates older than 365 days. Alerts are kept.") { history, verbose };
        prune.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var location = parse.GetValue(history)!;
            if (!HistoryAccess.IsPostgres(location) && !File.Exists(env.Resolve(location)))
            {
                throw new UsageException($"{env.Resolve(location)}: no history file to prune");
            }

            using var store = HistoryAccess.OpenExisting(env, location);
            var result = store.Prune(env.Clock.GetUtcNow());
            env.Out.WriteLine(FormattableString.Invariant(
                $"perfgate: pruned {result.RunsDeleted} run(s) older than {result.RawCutoff:yyyy-MM-dd} into {result.AggregatesWritten} daily aggregate row(s); deleted {result.AggregatesDeleted} aggregate row(s) older than {result.AggregateCutoff:yyyy-MM-dd}; alerts kept"));
            return ExitCodes.Pass;
        }));
        return new Command("history", "Maintain the SQLite history.") { prune };
    }
}
