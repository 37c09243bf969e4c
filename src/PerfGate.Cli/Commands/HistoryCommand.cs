using System.CommandLine;
using PerfGate.Core.History;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate history prune</c>: apply retention (raw runs 30 days, then daily aggregates for 365 days; alerts kept).
/// <c>perfgate history copy --from X --to Y</c>: move a history between SQLite and PostgreSQL without loss.
/// </summary>
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
        return new Command("history", "Maintain the history (SQLite file or PostgreSQL database).") { prune, Copy(env) };
    }

    private static Command Copy(CliEnvironment env)
    {
        var from = new Option<string>("--from") { Description = "The history to copy: a SQLite file or a PostgreSQL connection string (postgres://… or Host=…).", Required = true };
        var to = new Option<string>("--to") { Description = "Where to copy it: a SQLite file (created when missing) or a PostgreSQL connection string.", Required = true };
        var append = new Option<bool>("--append") { Description = "Add to a target that already holds runs (default: refuse a non-empty target)." };
        var verbose = CommonOptions.Verbose();
        var copy = new Command("copy", "Copy a whole history (runs, results, samples, alerts with their acknowledgements, targets, daily aggregates) "
            + "from SQLite to PostgreSQL or back, in one transaction. With PostgreSQL, --project names the repository on that side.")
        {
            from, to, append, verbose,
        };
        copy.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(to)!;
            if (string.Equals(HistoryAccess.Describe(env, source), HistoryAccess.Describe(env, target), StringComparison.Ordinal))
            {
                throw new UsageException("--from and --to name the same history; copy into another file or database");
            }

            using var reader = HistoryAccess.OpenExisting(env, source);
            using var writer = HistoryAccess.Open(env, target, createIfMissing: true)!;
            var counts = HistoryCopy.Copy(reader, writer, parse.GetValue(append));
            env.Out.WriteLine(FormattableString.Invariant(
                $"perfgate: copied {counts.Runs} run(s) with {counts.Results} result(s), {counts.Alerts} alert(s), {counts.Targets} target(s) and {counts.Aggregates} daily aggregate row(s) from {reader.Path} to {writer.Path}"));
            return ExitCodes.Pass;
        }));
        return copy;
    }
}
