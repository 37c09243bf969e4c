using System.CommandLine;
using PerfGate.Cli.Commands;

namespace PerfGate.Cli;

/// <summary>The command line: one root with a verb per file under Commands/. Usage errors exit with 2.</summary>
public static class PerfGateApp
{
    public static int Run(string[] args, CliEnvironment env)
    {
        var root = new RootCommand("PerfGate: a performance regression gate for BenchmarkDotNet results.")
        {
            CheckCommand.Create(env),
            AbCommand.Create(env),
            BaselineCommand.Create(env),
            HistoryCommand.Create(env),
            StatusCommand.Create(env),
            ReportCommand.Create(env),
            ExportCommand.Create(env),
            CompareCommand.Create(env),
            AlertsCommand.Create(env),
            DashboardCommand.Create(env),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                env.Error.WriteLine($"perfgate: {error.Message}");
            }

            env.Error.WriteLine("Run 'perfgate --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false });
    }
}
