using System.CommandLine;
using PerfGate.Cli.Commands;

namespace PerfGate.Cli;

/// <summary>The command line: one root with a verb per file under Commands/. Usage errors exit with 2.</summary>
public static class PerfGateApp
{
    /// <summary>The verbs, each with the name its factory gives it (a test checks the two agree).</summary>
    internal static readonly (string Name, Func<CliEnvironment, Command> Create)[] Verbs =
    [
        ("check", CheckCommand.Create),
        ("ab", AbCommand.Create),
        ("baseline", BaselineCommand.Create),
        ("history", HistoryCommand.Create),
        ("status", StatusCommand.Create),
        ("report", ReportCommand.Create),
        ("export", ExportCommand.Create),
        ("compare", CompareCommand.Create),
        ("alerts", AlertsCommand.Create),
        ("dashboard", DashboardCommand.Create),
    ];

    public static int Run(string[] args, CliEnvironment env)
    {
        var (root, project) = Build(args, env);
        StageTimings.Mark("commands");
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
            (root, _) = Build(args, env);
            parse = root.Parse(args);
        }

        StageTimings.Mark("parse");
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

    private static (RootCommand Root, Option<string?> Project) Build(string[] args, CliEnvironment env)
    {
        var root = new RootCommand("PerfGate: a performance regression gate for BenchmarkDotNet results.");
        // Building a verb's options costs time at every start (each is JIT-compiled): build only the verb being run, or
        // all of them when the first argument names none (root help, --version, a typo that needs the list).
        var chosen = args.Length > 0 ? Array.Find(Verbs, v => v.Name == args[0]) : default;
        foreach (var (name, create) in Verbs)
        {
            if (chosen.Name is null || chosen.Name == name)
            {
                root.Subcommands.Add(create(env));
            }
        }

        var project = new Option<string?>("--project")
        {
            Description = "The project (repository) whose series a PostgreSQL history holds (default: PERFGATE_PROJECT, else GITHUB_REPOSITORY, else 'default'). "
                + "One database serves many projects; a SQLite history ignores it.",
            Recursive = true,
        };
        root.Options.Add(project);
        return (root, project);
    }
}
