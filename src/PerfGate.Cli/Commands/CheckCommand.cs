using System.CommandLine;
using PerfGate.Core.Baselines;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
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
        var results = CommonOptions.Paths("--results", "BenchmarkDotNet JSON result files or folders (e.g. BenchmarkDotNet.Artifacts/results).", required: true);
        var baseline = CommonOptions.Paths("--baseline", "The committed baseline folder (baselines/) or BenchmarkDotNet result files/folders.", required: false);
        var history = CommonOptions.History();
        var config = new Option<string?>("--config") { Description = "perfgate.json with thresholds and targets (default: ./perfgate.json when present)." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the markdown report to this file." };
        var json = new Option<string?>("--json") { Description = "Write the machine-readable verdict to this file (docs/verdict-schema.md)." };
        var record = new Option<bool>("--record") { Description = "Store this run and its alerts in the history." };
        var branch = new Option<string?>("--branch") { Description = "Branch to record under (default: from GitHub Actions variables or git, else main)." };
        var commit = new Option<string?>("--commit") { Description = "Commit of this run (default: GITHUB_SHA or git HEAD)." };
        var baselineBranch = new Option<string>("--baseline-branch") { Description = "Branch whose recorded runs form the rolling baseline.", DefaultValueFactory = _ => "main" };
        var ignoreMissing = new Option<bool>("--ignore-missing") { Description = "Do not report baseline benchmarks absent from the results as removed (a filtered run)." };
        var anyMachine = new Option<bool>("--any-machine") { Description = "Use history runs from any machine, not only ones with this run's fingerprint." };
        var githubComment = new Option<bool>("--github-comment") { Description = "Publish the report as one sticky PR comment, the job summary and annotations (GitHub Actions)." };
        var pr = new Option<int?>("--pr") { Description = "Pull request number (default: from GITHUB_EVENT_PATH)." };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the GitHub token.", DefaultValueFactory = _ => "GITHUB_TOKEN" };
        var verbose = CommonOptions.Verbose();

        var command = new Command("check", "Judge benchmark results against the baseline, the history and targets.")
        {
            results, baseline, history, config, markdown, json, record, branch, commit, baselineBranch, ignoreMissing, anyMachine, githubComment, pr, tokenEnv, verbose,
        };

        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var request = new CheckRequest
            {
                Results = parse.GetValue(results) ?? [],
                Baseline = parse.GetValue(baseline) ?? [],
                History = parse.GetValue(history)!,
                HistoryGiven = parse.GetResult(history) is { Implicit: false },
                Config = parse.GetValue(config),
                Markdown = parse.GetValue(markdown),
                Json = parse.GetValue(json),
                Record = parse.GetValue(record),
                Branch = parse.GetValue(branch),
                Commit = parse.GetValue(commit),
                BaselineBranch = parse.GetValue(baselineBranch)!,
                AnyMachine = parse.GetValue(anyMachine),
                IgnoreMissing = parse.GetValue(ignoreMissing),
                GitHubComment = parse.GetValue(githubComment),
                PullRequest = parse.GetValue(pr),
                TokenEnv = parse.GetValue(tokenEnv)!,
                Verbose = parse.GetValue(verbose),
            };
            return Execute(request, env);
        }));
        return command;
    }

    public static int Execute(CheckRequest request, CliEnvironment env)
    {
        var options = LoadOptions(request.Config, env);
        var current = ResultsLoader.Load(request.Results.Select(env.Resolve));
        InputChecks.RequireMeasured(current, "");
        var baseline = request.Baseline.Length > 0 ? BaselineStore.LoadAny(request.Baseline.Select(env.Resolve)) : null;
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

        var historyPath = env.Resolve(request.History);
        using var store = OpenHistory(historyPath, request.Record || request.HistoryGiven, env);
        var keys = current.Results.Select(r => r.Id.Key)
            .Concat(current.Metrics.Select(m => SeriesKey.ForMetric(m.Id)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var history = store?.GetRecent(request.BaselineBranch, keys, options.Statistics.HistoryWindow, request.AnyMachine ? null : current.Host.Key)
                      ?? new Dictionary<string, System.Collections.Immutable.ImmutableArray<HistoryPoint>>();

        // Acknowledged alerts count only when recorded on the baseline branch (docs/alerts.md).
        var acknowledgements = store?.GetAcknowledged(keys, request.BaselineBranch).Select(Acknowledgement.From).OfType<Acknowledgement>().ToArray() ?? [];

        var verdict = Gate.Evaluate(new GateInput
        {
            Current = current,
            Baseline = baseline,
            History = history,
            Options = options,
            HeadCommit = commit,
            HeadBranch = branch,
            Acknowledgements = acknowledgements,
        });

        Reports.Write(verdict, request, env);
        foreach (var (name, finding) in Acknowledged(verdict))
        {
            env.Out.WriteLine($"perfgate: {name} ({finding.Metric}) passes as a warning: {finding.Message}");
        }

        if (request.Record && store is not null)
        {
            var runId = store.RecordRun(
                RecordedRun.From(current, env.Clock.GetUtcNow(), branch, commit, request.PullRequest),
                Alerts.From(verdict));
            env.Out.WriteLine($"perfgate: recorded run {runId} on branch '{branch}' in {historyPath}");
        }

        if (request.GitHubComment)
        {
            GitHubStep.Publish(verdict, request, env);
        }

        return verdict.Passed ? ExitCodes.Pass : ExitCodes.Regression;
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

    /// <summary>Opens the history; a missing file is created only when writing was asked for, otherwise there is simply no history yet.</summary>
    private static SqliteHistoryStore? OpenHistory(string path, bool createIfMissing, CliEnvironment env)
    {
        if (!File.Exists(path) && !createIfMissing)
        {
            return null;
        }

        var store = new SqliteHistoryStore(path, CommonOptions.HistoryOptions(env));
        TestHooks.SlowDownRecording(store, env);
        return store;
    }

    private static string? BranchFromEnvironment(CliEnvironment env) =>
        env.Get("GITHUB_HEAD_REF") ?? (env.Get("GITHUB_REF_TYPE") == "branch" ? env.Get("GITHUB_REF_NAME") : null);
}
