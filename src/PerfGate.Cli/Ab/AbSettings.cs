using System.Collections.Immutable;
using PerfGate.Cli.Commands;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Ab;

/// <summary>The parsed arguments of <c>perfgate ab</c>: the two commands, the folder, the round and time budgets, and check's options for the verdict.</summary>
internal sealed record AbSettings
{
    public required string BaseCommand { get; init; }

    public required string HeadCommand { get; init; }

    /// <summary>The folder of rounds, absolute.</summary>
    public required string Out { get; init; }

    public int Rounds { get; init; } = 3;

    public double MaxMinutes { get; init; } = 8;

    public int MaxConfirmationRounds { get; init; } = 4;

    /// <summary>What judges the folder: <c>check --ab Out</c> with the other options given.</summary>
    public required CheckRequest Check { get; init; }

    /// <summary>Which benchmarks get confirmation rounds: <see cref="Confirmation.Suspects"/>; tests of the round mechanics pass their own.</summary>
    public Func<Verdict, ImmutableArray<string>> Suspects { get; init; } = Confirmation.Suspects;
}

/// <summary>A side that failed (non-zero exit, no or unreadable results): one line naming the round, the side and the log; exit code 2.</summary>
internal sealed class AbSideFailedException(string message) : Exception(message);
