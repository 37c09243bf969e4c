using System.CommandLine;
using PerfGate.Core.Baselines;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Operations;
using PerfGate.Core.Rendering;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate check</c>: the gate. Reads this run's results, the committed baseline, the history and the
/// configuration; judges; writes the terminal table, the markdown and JSON reports; optionally records the run and
/// publishes to GitHub. Exit code 0 pass, 1 failing regression, 2 bad input. Nothing is written to the history
/// unless <c>--record</c> is given, and then only after everything was read and judged.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliEnvironment env)
    {
        var results = CommonOptions.Paths("--results", "BenchmarkDotNet JSON result files or folders (e.g. BenchmarkDotNet.Artifacts/results).", required: false);
        var ab = new Option<string?>("--ab") { Description = "Judge a same-runner A/B folder (DIR/round-NN/base, DIR/round-NN/head, written by 'perfgate ab'; docs/ab.md) instead of --results; DIR/shard-N/round-NN/… for a suite sharded across a job matrix." };
        var shards = new Option<int?>("--shards") { Description = "With --ab: how many shard-N folders to expect; a missing one is an error (exit 2), not a smaller suite." };
        var options = new CheckOptions(env);
        var command = new Command("check", "Judge benchmark results against the baseline, the history and targets.") { results, ab, shards };
        options.AddTo(command);

        command.SetAction(parse => Guard.Run(env, parse.GetValue(options.Verbose), () =>
        {
            var request = options.Read(parse) with { Results = parse.GetValue(results) ?? [], Ab = parse.GetValue(ab), Shards = parse.GetValue(shards) };
            if (request.Shards is { } n && (request.Ab is null || n < 1))
            {
                throw new UsageException(request.Ab is null ? "--shards goes with --ab DIR (a folder of shard-N folders)" : $"--shards must be 1 or more, not {n}");
            }

            if (request.Ab is not null && request.Results.Length > 0)
            {
                throw new UsageException("give --results or --ab, not both: --ab DIR reads both sides of every round from DIR");
            }

            if (request.Ab is null && request.Results.Length == 0)
            {
                throw new UsageException("Option '--results' is required (or --ab DIR for a same-runner A/B folder).");
            }

            return Execute(request, env);
        }));
        return command;
    }

    /// <summary>Judges, then writes the reports, records and publishes as asked: the whole of <c>perfgate check</c> after parsing.</summary>
    public static int Execute(CheckRequest request, CliEnvironment env)
    {
        if (request.RecordAccepted && !request.Record)
        {
            throw new UsageException("--record-accepted acknowledges the alerts of the run it records: give --record too");
        }

        using var judgement = Judge(request, env);
        var verdict = judgement.Verdict;
        using var github = GitHubStep.Wanted(request) ? GitHubStep.Open(request, env) : null;
        var accepted = github?.FindAcceptance(verdict, judgement.Commit);
        if (accepted is not null)
        {
            verdict = Core.Verdicts.Acceptance.Apply(verdict, accepted.By, accepted.Label, accepted.PullRequest);
        }

        Reports.Write(verdict, request, env);
        StageTimings.Mark("reports");
        foreach (var (name, finding) in Acknowledged(verdict))
        {
            env.Out.WriteLine($"perfgate: {name} ({finding.Metric}) passes as a warning: {finding.Message}");
        }

        // Before recording: the trend compares this run with the branch's earlier runs, not with itself.
        if (request.Summary)
        {
            env.Out.WriteLine();
            env.Out.Write(RunSummary.Render(verdict, judgement.Current, judgement.Options, Trend(judgement, request, env)));
        }

        if (request.Record && judgement.Store is not null)
        {
            var recorded = RecordedRun.From(judgement.Current, env.Clock.GetUtcNow(), judgement.Branch, judgement.Commit, request.PullRequest);
            var runId = judgement.Store.RecordRun(recorded, Alerts.WithoutRepeatedSteps(Alerts.From(verdict), judgement.Store));
            env.Out.WriteLine($"perfgate: recorded run {runId} on branch '{judgement.Branch}' in {judgement.HistoryPath}");
            if (accepted is not null && request.RecordAccepted)
            {
                AcknowledgeAccepted(judgement.Store, runId, accepted, env);
            }

            StageTimings.Mark("record");
            RecordSteps(judgement.Store, recorded, runId, judgement.Options, env);
            StageTimings.Mark("record-steps");
        }

        github?.Publish(verdict);

        return verdict.Passed ? ExitCodes.Pass : ExitCodes.Regression;
    }

    /// <summary>
    /// Reads everything the request names and judges it, writing nothing: the results (<c>--results</c>) or the A/B
    /// rounds (<c>--ab</c>, the head pooled over every round as the current run), the baseline, the history of the
    /// current run's series and the acknowledgements. <c>perfgate ab</c> calls this between rounds to find suspects.
    /// The caller disposes the result (it holds the history open for recording).
    /// </summary>
    public static Judgement Judge(CheckRequest request, CliEnvironment env)
    {
        var options = LoadOptions(request.Config, env);
        StageTimings.Mark("config");

        // The baseline and the history do not depend on the results: they are read on other threads meanwhile.
        using var early = EarlyReads.Start(request, options.Statistics.HistoryWindow, env, (location, create) => OpenHistory(location, create, env));
        AbFolder? ab = request.Ab is { } abDir ? AbShards.Load(env.Resolve(abDir), request.Shards) : null;
        var current = ab is not null ? AbRounds.PoolHeads(ab.Rounds) : ResultsLoader.Load(request.Results.Select(env.Resolve));
        InputChecks.RequireMeasured(current, "");
        if (ab is not null)
        {
            InputChecks.RequireMeasured(AbRounds.PoolBases(ab.Rounds), " on the base side");
            current = current with { Warnings = [.. current.Warnings, .. ab.Warnings] };
        }

        StageTimings.Mark("ingest");
        var baseline = early.Baseline();
        if (baseline is not null)
        {
            InputChecks.RequireCommonBenchmark(current, baseline);
        }

        if (baseline is not null && request.IgnoreMissing)
        {
            var present = current.Results.Select(r => r.Id.Key).ToHashSet(StringComparer.Ordinal);
            baseline = baseline with { Results = [.. baseline.Results.Where(r => present.Contains(r.Id.Key))] };
        }

        var commit = request.Commit ?? env.Get("GITHUB_SHA") ?? Git.Head(env.WorkingDirectory);
        var branch = request.Branch ?? BranchFromEnvironment(env) ?? Git.Branch(env.WorkingDirectory) ?? "main";
        current = current with { Commit = current.Commit ?? commit, Branch = branch };
        StageTimings.Mark("git");

        StageTimings.Mark("baseline");
        var store = early.TakeStore() ?? OpenHistory(request.History, request.Record || request.HistoryGiven, env);
        var historyPath = store?.Path ?? HistoryAccess.Describe(env, request.History);
        StageTimings.Mark("history-open");
        try
        {
            var keys = SeriesKey.AllOf(current);
            var history = store is null
                ? new Dictionary<string, System.Collections.Immutable.ImmutableArray<HistoryPoint>>()
                : early.History(store, request.BaselineBranch, keys, options.Statistics.HistoryWindow, request.AnyMachine ? null : current.Host.Key);
            StageTimings.Mark("history-read");

            // Acknowledged alerts count only when recorded on the baseline branch (docs/alerts.md).
            var acknowledged = store?.GetAcknowledged(keys, request.BaselineBranch) ?? [];
            var acknowledgements = acknowledged.Select(Acknowledgement.From).OfType<Acknowledgement>().ToArray();
            var lastReviewed = acknowledged.Where(a => a.AcknowledgedAt is not null)
                .GroupBy(a => a.SeriesKey, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(a => a.AcknowledgedAt!.Value), StringComparer.Ordinal);

            StageTimings.Mark("acknowledgements");
            var verdict = Gate.Evaluate(new GateInput
            {
                Current = current,
                Baseline = baseline,
                History = history,
                Options = options,
                HeadCommit = commit,
                HeadBranch = branch,
                OffBaselineBranch = !string.Equals(branch, request.BaselineBranch, StringComparison.Ordinal),
                Acknowledgements = acknowledgements,
                LastReviewed = lastReviewed,
                Rounds = ab?.Rounds ?? [],
                ScreeningRounds = ab?.ScreeningRounds ?? 0,
            });
            StageTimings.Mark("gate");
            return new Judgement(verdict, current, store, historyPath, commit, branch, options);
        }
        catch
        {
            early.Dispose();
            store?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The recorded run's steps, stored for <c>perfgate status</c> (<see cref="RecordedSteps"/>). After the run's own
    /// transaction, not inside it: they are derived data checked by their keys when read, so a failure here leaves the
    /// run recorded whole and costs only a warning (status then computes them), while searching them inside the
    /// transaction would hold the history's write lock for the whole search.
    /// </summary>
    private static void RecordSteps(IHistoryOperations store, RecordedRun recorded, long runId, GateOptions options, CliEnvironment env)
    {
        try
        {
            var keys = RecordedSteps.KeysOf(recorded.Run.Results.Select(r => r.Id.Key));
            RecordedSteps.Record(store, runId, recorded.Branch, recorded.Run.Host.Key, keys, options.Trend);
        }
        catch (HistoryException exception)
        {
            env.Error.WriteLine($"perfgate: warning: run {runId} is recorded, but its steps were not stored ({exception.Message}); status will compute them.");
        }
    }

    /// <summary>
    /// <c>--record-accepted</c>: the alerts the accepted run just raised are acknowledged in the merged PR's name, so
    /// later runs on the branch do not fail on the accepted level (docs/alerts.md, the acknowledgement rule).
    /// </summary>
    private static void AcknowledgeAccepted(IHistoryOperations store, long runId, Core.GitHub.AcceptDecision.Accepted accepted, CliEnvironment env)
    {
        var notes = FormattableString.Invariant($"accepted in PR #{accepted.PullRequest} by @{accepted.By} (label '{accepted.Label}')");
        var at = env.Clock.GetUtcNow();
        var alerts = store.GetAlerts(new AlertFilter { RunId = runId, UnacknowledgedOnly = true });
        foreach (var alert in alerts)
        {
            store.Acknowledge(alert.Id, accepted.By, notes, at);
        }

        env.Out.WriteLine(FormattableString.Invariant($"perfgate: acknowledged {alerts.Count} alert{(alerts.Count == 1 ? string.Empty : "s")} of run {runId}: {notes}"));
    }

    /// <summary>This run against the last 7 days of the baseline branch on this machine; null without a history.</summary>
    private static WeekTrend? Trend(Judgement judgement, CheckRequest request, CliEnvironment env)
    {
        if (judgement.Store is not { } store)
        {
            return null;
        }

        var current = judgement.Verdict.Benchmarks
            .Where(b => b.Current is > 0 && b.Kind != Core.Verdicts.ChangeKind.FailedToRun)
            .ToDictionary(b => b.Id, b => b.Current!.Value, StringComparer.Ordinal);
        var builder = new WeekTrendBuilder(current, judgement.Current.Host.Key, request.BaselineBranch, env.Clock.GetUtcNow());
        var (from, to) = builder.Window;
        foreach (var run in store.StreamRunValues(from, to, request.BaselineBranch))
        {
            builder.AddRun(run);
        }

        return builder.Build();
    }

    /// <summary>The findings an acknowledged alert let pass (docs/alerts.md), named for the terminal.</summary>
    private static IEnumerable<(string Name, Core.Verdicts.Finding Finding)> Acknowledged(Core.Verdicts.Verdict verdict) =>
        verdict.Benchmarks.SelectMany(b => b.Findings.Where(f => f.AcknowledgedAlertId is not null).Select(f => (b.DisplayName, f)))
            .Concat(verdict.Metrics.SelectMany(m => m.Findings.Where(f => f.AcknowledgedAlertId is not null).Select(f => (m.Id, f))));

    /// <summary>perfgate.json from --config, else ./perfgate.json when present, else the defaults.</summary>
    internal static GateOptions LoadOptions(string? path, CliEnvironment env)
    {
        if (path is not null)
        {
            return GateOptionsLoader.Load(env.Resolve(path));
        }

        var implicitPath = env.Resolve("perfgate.json");
        return File.Exists(implicitPath) ? GateOptionsLoader.Load(implicitPath) : GateOptions.Default;
    }

    /// <summary>
    /// Opens the history (a SQLite file or a PostgreSQL database); a missing file is created only when writing was asked
    /// for, otherwise there is simply no history yet.
    /// </summary>
    private static IHistoryOperations? OpenHistory(string location, bool createIfMissing, CliEnvironment env)
    {
        var store = HistoryAccess.Open(env, location, createIfMissing);
        if (store is not null)
        {
            TestHooks.SlowDownRecording(store, env);
        }

        return store;
    }

    private static string? BranchFromEnvironment(CliEnvironment env) =>
        env.Get("GITHUB_HEAD_REF") ?? (env.Get("GITHUB_REF_TYPE") == "branch" ? env.Get("GITHUB_REF_NAME") : null);
}

/// <summary>A verdict with what recording it needs: the judged current run, the open history (or null), where the run goes.</summary>
internal sealed record Judgement(
    Core.Verdicts.Verdict Verdict,
    BenchmarkRun Current,
    IHistoryOperations? Store,
    string HistoryPath,
    string? Commit,
    string Branch,
    GateOptions Options) : IDisposable
{
    public void Dispose() => Store?.Dispose();
}
