using PerfGate.Cli.Commands;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;

namespace PerfGate.Cli.Compare;

/// <summary>
/// Turns a <see cref="RunReference"/> into a run. Explicit prefixes go straight to their kind. A bare token is tried,
/// in order, as: an all-digit run id that exists in the history; an existing file or folder; a commit prefix
/// (≥ 4 hex digits) with recorded runs; a branch with recorded runs. Unknown ids, branches, commits and paths, and a
/// commit prefix shared by several commits, are usage errors (exit code 2) naming the candidates.
/// </summary>
/// <param name="env">For resolving paths against the working directory.</param>
/// <param name="history">Opens the history on first use; returns null when there is no history file.</param>
/// <param name="historyPath">Named in errors.</param>
internal sealed class RunResolver(CliEnvironment env, Func<IHistoryOperations?> history, string historyPath)
{
    private readonly Lock _opening = new();
    private IHistoryOperations? _store;
    private bool _opened;

    public ResolvedRun Resolve(RunReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Kind switch
        {
            RunReferenceKind.RunId => ById(reference.AsRunId!.Value) ?? throw new UsageException($"'{reference.Text}': no run #{reference.AsRunId} in {historyPath}"),
            RunReferenceKind.Commit => ByCommit(reference) ?? throw new UsageException($"'{reference.Text}': no recorded run has a commit starting with '{reference.Value}'"),
            RunReferenceKind.Branch => ByBranch(reference) ?? throw new UsageException($"'{reference.Text}': no recorded run on branch '{reference.Value}'"),
            RunReferenceKind.Path => ByPath(reference) ?? throw new UsageException($"'{reference.Text}': {env.Resolve(reference.Value)}: no such file or folder"),
            _ => Auto(reference),
        };
    }

    private ResolvedRun Auto(RunReference reference)
    {
        if (reference.AsRunId is { } id && Store(required: false) is not null && ById(id) is { } run)
        {
            return run;
        }

        if (ByPath(reference) is { } onDisk)
        {
            return onDisk;
        }

        if (Store(required: false) is null)
        {
            throw new UsageException($"'{reference.Text}' is not an existing file or folder, and there is no history at {historyPath} to look it up as a run id, commit or branch");
        }

        if (RunReference.IsCommitPrefix(reference.Value) && ByCommit(reference) is { } commit)
        {
            return commit;
        }

        return ByBranch(reference)
            ?? throw new UsageException($"'{reference.Text}' is neither a run id, a commit, a branch with recorded runs in {historyPath}, nor an existing results file or folder");
    }

    private ResolvedRun? ById(long id)
    {
        var loaded = Store(required: true)!.LoadRun(id);
        return loaded is null ? null : new ResolvedRun(loaded.ToBenchmarkRun(), RunReferenceKind.RunId, loaded.Run, null);
    }

    private ResolvedRun? ByCommit(RunReference reference)
    {
        var runs = Store(required: true)!.FindRunsByCommit(reference.Value);
        var commits = runs.Select(r => r.Commit!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (commits.Count > 1)
        {
            var candidates = commits.Select(c => $"{c} (run #{runs.First(r => string.Equals(r.Commit, c, StringComparison.OrdinalIgnoreCase)).Id})");
            throw new UsageException($"'{reference.Text}': commit prefix '{reference.Value}' is ambiguous: {string.Join(", ", candidates)}; give more digits");
        }

        // Runs come newest first: a commit recorded more than once compares its newest run.
        return runs.Count == 0 ? null : Load(runs[0].Id, RunReferenceKind.Commit);
    }

    private ResolvedRun? ByBranch(RunReference reference) =>
        Store(required: true)!.GetLatestRun(reference.Value) is { } latest ? Load(latest.Id, RunReferenceKind.Branch) : null;

    private ResolvedRun? ByPath(RunReference reference)
    {
        var full = env.Resolve(reference.Value);
        return File.Exists(full) || Directory.Exists(full)
            ? new ResolvedRun(BaselineStore.LoadAny([full]), RunReferenceKind.Path, null, full)
            : null;
    }

    private ResolvedRun Load(long id, RunReferenceKind kind)
    {
        var loaded = Store(required: true)!.LoadRun(id) ?? throw new UsageException($"run #{id} disappeared from {historyPath} while being read");
        return new ResolvedRun(loaded.ToBenchmarkRun(), kind, loaded.Run, null);
    }

    private IHistoryOperations? Store(bool required)
    {
        // Both sides may be resolved at once (compare reads them on two threads): the history is opened once.
        lock (_opening)
        {
            if (!_opened)
            {
                _store = history();
                _opened = true;
            }
        }

        return _store is null && required
            ? throw new UsageException($"{historyPath}: no history file; record runs with 'perfgate check --record' (or pass --history)")
            : _store;
    }
}
