using System.CommandLine;
using PerfGate.Cli.Commands;

namespace PerfGate.Cli;

/// <summary>The command line: one root with a verb per file under Commands/. Usage errors exit with 2.</summary>
public static class PerfGateApp
{
    public static int Run(string[] args, CliEnvironment env)
    {
        var (root, project) = Build(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 && parse.GetValue(project) is { } name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                env.Error.WriteLine("perfgate: --project must name a project (e.g. the repository, owner/name)");
                return ExitCodes.BadInput;
            }

            // --project wins over PERFGATE_PROJECT: the verbs read it from there (HistoryAccess.Project).
            var variables = new Dictionary<string, string?>(env.Variables, StringComparer.Ordinal) { [HistoryAccess.ProjectVariable] = name };
            env = env with { Variables = variables };
            (root, _) = Build(env);
            parse = root.Parse(args);
        }

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

    private static (RootCommand Root, Option<string?> Project) Build(CliEnvironment env)
    {
        var project = new Option<string?>("--project")
        {
            Description = "The project (repository) whose series a PostgreSQL history holds (default: PERFGATE_PROJECT, else GITHUB_REPOSITORY, else 'default'). "
                + "One database serves many projects; a SQLite history ignores it.",
            Recursive = true,
        };
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
        root.Options.Add(project);
        return (root, project);
    }
}
