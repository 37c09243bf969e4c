using System.CommandLine;
using PerfGate.Cli.Ab;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate ab</c>: measures the PR's base and head side by side on this machine in alternating rounds, reruns
/// the suspects in confirmation rounds, and judges the folder exactly as <c>perfgate check --ab DIR</c> does
/// (docs/ab.md). Exit codes as check's; 2 also for a side that failed; 130 when interrupted.
/// </summary>
internal static class AbCommand
{
    public static Command Create(CliEnvironment env)
    {
        var baseCommand = new Option<string>("--base-command") { Description = "The base side's benchmark command (run through the shell; ' --artifacts <folder>' is appended).", Required = true };
        var headCommand = new Option<string>("--head-command") { Description = "The head side's benchmark command, likewise.", Required = true };
        var output = new Option<string>("--out") { Description = "A new or empty folder for the rounds (round-NN/base, round-NN/head).", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Screening rounds of every benchmark (default: 3).", DefaultValueFactory = _ => 3 };
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Time budget for all rounds in minutes (default: 8).", DefaultValueFactory = _ => 8 };
        var maxConfirmation = new Option<int>("--max-confirmation-rounds") { Description = "At most this many confirmation rounds of the suspects (default: 10; --max-minutes usually ends them first).", DefaultValueFactory = _ => 10 };
        var options = new CheckOptions(env);
        var command = new Command("ab", "Measure base and head side by side in alternating rounds, confirm the suspects, and judge.")
        {
            baseCommand, headCommand, output, rounds, maxMinutes, maxConfirmation,
        };
        options.AddTo(command);

        command.SetAction(parse => Guard.Run(env, parse.GetValue(options.Verbose), () =>
        {
            var settings = new AbSettings
            {
                BaseCommand = Required(parse.GetValue(baseCommand), "--base-command"),
                HeadCommand = Required(parse.GetValue(headCommand), "--head-command"),
                Out = env.Resolve(Required(parse.GetValue(output), "--out")),
                Rounds = parse.GetValue(rounds),
                MaxMinutes = parse.GetValue(maxMinutes),
                MaxConfirmationRounds = parse.GetValue(maxConfirmation),
                Check = options.Read(parse),
            };
            if (settings.Rounds is < 1 or > 99)
            {
                throw new UsageException($"--rounds must be from 1 to 99, not {settings.Rounds}");
            }

            if (!(settings.MaxMinutes > 0) || double.IsInfinity(settings.MaxMinutes))
            {
                throw new UsageException($"--max-minutes must be a positive number, not {settings.MaxMinutes}");
            }

            if (settings.MaxConfirmationRounds is < 0 or > 99 - 1)
            {
                throw new UsageException($"--max-confirmation-rounds must be from 0 to 98, not {settings.MaxConfirmationRounds}");
            }

            if (settings.Rounds + settings.MaxConfirmationRounds > 99)
            {
                throw new UsageException("--rounds plus --max-confirmation-rounds must be at most 99 (round-01 … round-99)");
            }

            return AbRunner.Run(settings, env);
        }));
        return command;
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{name} must not be empty") : value;
}
