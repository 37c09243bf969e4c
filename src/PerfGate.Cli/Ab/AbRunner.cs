using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfGate.Cli.Commands;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Ab;

/// <summary>
/// <c>perfgate ab</c>'s rounds (docs/ab.md): screening rounds of every benchmark in alternating order, then
/// confirmation rounds of the suspects while the budgets allow, then the verdict exactly as <c>check --ab</c> gives it.
/// Each round is measured in <c>round-NN.partial</c> and renamed to <c>round-NN</c> only when both sides completed,
/// so an interrupted run leaves complete rounds only.
/// </summary>
internal sealed class AbRunner(AbSettings settings, CliEnvironment env, AbProgress progress)
{
    private const string BenchmarkLinePrefix = "// Benchmark: ";
    private readonly List<TimeSpan> _screeningDurations = [];
    private long _started;

    /// <summary>Runs everything and returns the exit code; bad usage and failing sides throw for <see cref="Guard"/>.</summary>
    public static int Run(AbSettings settings, CliEnvironment env)
    {
        PrepareOut(settings.Out);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(env.Cancellation);
        using var sigint = Listen(PosixSignal.SIGINT, interrupt);
        using var sigterm = Listen(PosixSignal.SIGTERM, interrupt);
        var progress = AbProgress.For(env);
        var runner = new AbRunner(settings, env, progress);
        try
        {
            progress.Show(() => runner.MeasureAsync(interrupt.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            env.Error.WriteLine($"perfgate ab: interrupted; the {CompleteRounds(settings.Out)} complete round(s) stay in {settings.Out} ('perfgate check --ab' judges them)");
            return ExitCodes.Interrupted;
        }
        catch (AbSideFailedException e)
        {
            env.Error.WriteLine($"perfgate: {e.Message}");
            return ExitCodes.BadInput;
        }

        return CheckCommand.Execute(settings.Check with { Ab = settings.Out }, env);
    }

    /// <summary>The screening and confirmation rounds; returns when the verdict can be given.</summary>
    private async Task<int> MeasureAsync(CancellationToken interrupt)
    {
        _started = env.Clock.GetTimestamp();
        var budget = TimeSpan.FromMinutes(settings.MaxMinutes);
        using var timeBudget = new CancellationTokenSource(budget, env.Clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(interrupt, timeBudget.Token);

        var completed = 0;
        for (var number = 1; number <= settings.Rounds; number++)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"round {number}/{settings.Rounds}");
            var took = await RoundOrTimeUp(number, label, [], either.Token, interrupt).ConfigureAwait(false);
            if (took is null)
            {
                return OutOfTime(number, completed);
            }

            _screeningDurations.Add(took.Value);
            completed++;
        }

        for (var confirmation = 1; confirmation <= settings.MaxConfirmationRounds; confirmation++)
        {
            ImmutableArray<string> suspects;
            int patterns;
            using (var judgement = CheckCommand.Judge(settings.Check with { Ab = settings.Out, Record = false, GitHubComment = false }, env))
            {
                suspects = settings.Suspects(judgement.Verdict);
                patterns = judgement.Verdict.Benchmarks.Select(b => b.FilterPattern).OfType<string>().Distinct(StringComparer.Ordinal).Count();
            }

            if (suspects.IsEmpty)
            {
                break;
            }

            var estimate = _screeningDurations.Average(t => t.TotalSeconds) * Math.Min(1.0, (double)suspects.Length / Math.Max(1, patterns));
            var left = budget - env.Clock.GetElapsedTime(_started);
            if (TimeSpan.FromSeconds(estimate) > left)
            {
                progress.Note(string.Create(CultureInfo.InvariantCulture,
                    $"no time for confirmation round {confirmation} of {suspects.Length} suspect(s): about {estimate:0} s needed, {Math.Max(0, left.TotalSeconds):0} s of --max-minutes {settings.MaxMinutes:0.##} left"));
                break;
            }

            var number = settings.Rounds + confirmation;
            var label = string.Create(CultureInfo.InvariantCulture, $"round {number} (confirmation {confirmation}/{settings.MaxConfirmationRounds}, {suspects.Length} pattern(s))");
            if (await RoundOrTimeUp(number, label, suspects, either.Token, interrupt).ConfigureAwait(false) is null)
            {
                return OutOfTime(number, number - 1);
            }
        }

        return 0;
    }

    private int OutOfTime(int number, int completed)
    {
        if (completed == 0)
        {
            throw new AbSideFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the time budget (--max-minutes {settings.MaxMinutes:0.##}) ran out in round {number} before any round completed: nothing to judge in {settings.Out}"));
        }

        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"the time budget (--max-minutes {settings.MaxMinutes:0.##}) ran out in round {number}; it was discarded and the {completed} complete round(s) are judged"));
        return completed;
    }

    /// <summary>Runs a round; null when the time budget ran out (the round discarded). Ctrl+C/SIGTERM propagates.</summary>
    private async Task<TimeSpan?> RoundOrTimeUp(int number, string label, ImmutableArray<string> filters, CancellationToken either, CancellationToken interrupt)
    {
        try
        {
            return await RunRoundAsync(number, label, filters, either).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!interrupt.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<TimeSpan> RunRoundAsync(int number, string label, ImmutableArray<string> filters, CancellationToken cancellation)
    {
        var name = AbFolder.RoundFolderName(number);
        var partial = Path.Combine(settings.Out, name + AbFolder.PartialSuffix);
        Directory.CreateDirectory(partial);
        if (!filters.IsEmpty)
        {
            await File.WriteAllLinesAsync(Path.Combine(partial, AbFolder.FilterFile), filters, CancellationToken.None).ConfigureAwait(false);
        }

        var started = env.Clock.GetTimestamp();
        string[] order = number % 2 == 1 ? [AbFolder.BaseSide, AbFolder.HeadSide] : [AbFolder.HeadSide, AbFolder.BaseSide];
        try
        {
            for (var i = 0; i < order.Length; i++)
            {
                await RunSideAsync(number, label, order[i], partial, filters, i, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            DeleteQuietly(partial);
            throw;
        }

        Directory.Move(partial, Path.Combine(settings.Out, name));
        return env.Clock.GetElapsedTime(started);
    }

    private async Task RunSideAsync(int number, string label, string side, string partial, ImmutableArray<string> filters, int sidesDone, CancellationToken cancellation)
    {
        var artifacts = Path.Combine(partial, side + ".artifacts");
        var log = Path.Combine(partial, side + ".log");
        var command = side == AbFolder.BaseSide ? settings.BaseCommand : settings.HeadCommand;
        var commandLine = command + " --artifacts " + ChildProcess.Quote(artifacts)
                          + (filters.IsEmpty ? "" : " --filter " + string.Join(" ", filters.Select(ChildProcess.Quote)));

        progress.SideStarted(label, side, EstimateLeft(number, sidesDone));
        var started = env.Clock.GetTimestamp();
        int exitCode;
        try
        {
            exitCode = await ChildProcess.RunAsync(commandLine, env, log, line =>
            {
                if (line.StartsWith(BenchmarkLinePrefix, StringComparison.Ordinal))
                {
                    progress.Benchmark(line[BenchmarkLinePrefix.Length..].Trim());
                }
                else if (BenchmarkProgressLines.Describe(line) is { } done)
                {
                    progress.Benchmark(done);
                }
            }, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new AbSideFailedException($"round {number} {side}: the command could not be started ({e.Message}); log: {log}");
        }

        try
        {
            if (exitCode != 0)
            {
                throw new AbSideFailedException(string.Create(CultureInfo.InvariantCulture, $"round {number} {side}: the command exited with code {exitCode}; log: {log}"));
            }

            KeepResults(number, side, artifacts, Path.Combine(partial, side), log);
        }
        finally
        {
            KeepBenchmarkDotNetLog(artifacts, Path.Combine(partial, side + ".benchmarkdotnet.log"));
            DeleteQuietly(artifacts);
        }

        progress.SideDone(label, side, env.Clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Keeps BenchmarkDotNet's own log (<c>&lt;artifacts&gt;/*.log</c>) beside the side's log: a quiet side prints only
    /// progress lines, and its full log would go with the scratch artifacts.
    /// </summary>
    private static void KeepBenchmarkDotNetLog(string artifacts, string destination)
    {
        try
        {
            var log = Directory.Exists(artifacts)
                ? Directory.EnumerateFiles(artifacts, "*.log").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (log is not null)
            {
                File.Copy(log, destination, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the results decide the round, the log only helps to read a failure.
        }
    }

    /// <summary>Copies the results JSON and perfgate-metrics files out of the scratch artifacts and checks they read.</summary>
    private static void KeepResults(int number, string side, string artifacts, string sideFolder, string log)
    {
        var results = Path.Combine(artifacts, "results");
        var files = Directory.Exists(results)
            ? Directory.EnumerateFiles(results, "*.json")
                .Where(f => Path.GetFileName(f) is var n
                            && (n.Contains("-report", StringComparison.OrdinalIgnoreCase) || n.StartsWith("perfgate-metrics", StringComparison.OrdinalIgnoreCase)))
                .ToArray()
            : [];
        if (files.Length == 0)
        {
            throw new AbSideFailedException($"round {number} {side}: the command exited with code 0 but wrote no results to {results}; log: {log}");
        }

        Directory.CreateDirectory(sideFolder);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(sideFolder, Path.GetFileName(file)), overwrite: true);
        }

        try
        {
            ResultsLoader.Load([sideFolder]);
        }
        catch (ResultsFormatException e)
        {
            throw new AbSideFailedException($"round {number} {side}: unreadable results ({e.Message}); log: {log}");
        }
    }

    /// <summary>The time left in the screening rounds from the mean side so far; null before the first side finished.</summary>
    private TimeSpan? EstimateLeft(int number, int sidesDoneInRound)
    {
        if (_screeningDurations.Count == 0 || number > settings.Rounds)
        {
            return null;
        }

        var perSide = _screeningDurations.Average(t => t.TotalSeconds) / 2;
        var sidesLeft = (settings.Rounds - number + 1) * 2 - sidesDoneInRound;
        return TimeSpan.FromSeconds(perSide * sidesLeft);
    }

    private static void PrepareOut(string dir)
    {
        if (File.Exists(dir))
        {
            throw new UsageException($"{dir}: --out names a file; perfgate ab writes a folder of rounds");
        }

        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new UsageException($"{dir} is not empty: perfgate ab writes its rounds into a fresh folder (remove it or choose another --out; 'perfgate check --ab {dir}' judges rounds already there)");
        }

        Directory.CreateDirectory(dir);
    }

    private static int CompleteRounds(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateDirectories(dir, "round-*").Count(d => !d.EndsWith(AbFolder.PartialSuffix, StringComparison.Ordinal)) : 0;

    private static PosixSignalRegistration? Listen(PosixSignal signal, CancellationTokenSource interrupt)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                // The first signal stops the rounds cleanly; a second one is left to end the process.
                context.Cancel = !interrupt.IsCancellationRequested;
                interrupt.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
