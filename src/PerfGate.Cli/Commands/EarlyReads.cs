using System.Collections.Immutable;
using PerfGate.Core.Baselines;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Cli.Commands;

/// <summary>
/// What <c>perfgate check</c> can read before it knows this run's results, read on other threads while the results are
/// (docs/performance.md): the committed baseline; the history, when it already exists (a check that fails on its
/// input must not create one); and the history window of the baseline's series on the baseline's machine, which are
/// usually this run's series and machine. The results decide: <see cref="History"/> keeps the windows they need, reads
/// the ones the baseline did not name, and reads everything again when the machine differs. Errors surface in the
/// order a sequential check meets them: the results' first, then the baseline's, then the history's.
/// </summary>
internal sealed class EarlyReads : IDisposable
{
    private readonly Task<BenchmarkRun?> baseline;
    private readonly Task<IHistoryOperations?> store;
    private readonly Task<Speculation?> speculation;
    private bool storeTaken;

    /// <summary>After <see cref="History"/>: how many windows it read itself beyond the early read (-1: the early read was not usable).</summary>
    internal int LateReads { get; private set; } = -1;

    private EarlyReads(Task<BenchmarkRun?> baseline, Task<IHistoryOperations?> store, Task<Speculation?> speculation)
    {
        this.baseline = baseline;
        this.store = store;
        this.speculation = speculation;
    }

    /// <summary>The windows read for the baseline's series: on which branch, how long, and for which machine (null: any machine).</summary>
    private sealed record Speculation(IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> Windows, string Branch, int Window, string? FingerprintKey);

    public static EarlyReads Start(CheckRequest request, int window, CliEnvironment env, Func<string, bool, IHistoryOperations?> open)
    {
        var baseline = request.Baseline.Length > 0
            ? Task.Run<BenchmarkRun?>(() => BaselineStore.LoadAny(request.Baseline.Select(env.Resolve)))
            : Task.FromResult<BenchmarkRun?>(null);
        var store = Task.Run(() => open(request.History, false));
        var speculation = Task.WhenAll(baseline, store).ContinueWith(
            _ => baseline.Result is { } b && store.Result is { } s ? Speculate(s, b, request, window) : null,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return new EarlyReads(baseline, store, speculation);
    }

    /// <summary>The committed baseline (null when none was given); its read error, if it failed.</summary>
    public BenchmarkRun? Baseline() => baseline.GetAwaiter().GetResult();

    /// <summary>The history opened early (now the caller's to dispose), or null when it did not exist yet; its open error, if it failed.</summary>
    public IHistoryOperations? TakeStore()
    {
        var opened = store.GetAwaiter().GetResult();
        storeTaken = opened is not null;
        return opened;
    }

    /// <summary>
    /// The windows of <paramref name="keys"/> on <paramref name="fingerprintKey"/>'s machine, as one
    /// <see cref="IHistoryStore.GetRecent"/> of all of them gives them: the early read's where it asked the same
    /// question, one more read for the rest.
    /// </summary>
    public IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> History(IHistoryStore history, string branch, string[] keys, int window, string? fingerprintKey)
    {
        var early = SpeculationFor(history, branch, window, fingerprintKey);
        if (early is null)
        {
            LateReads = -1;
            return history.GetRecent(branch, keys, window, fingerprintKey);
        }

        var missing = keys.Where(k => !early.Windows.ContainsKey(k)).ToArray();
        LateReads = missing.Length;
        var rest = missing.Length > 0 ? history.GetRecent(branch, missing, window, fingerprintKey) : null;
        var answer = new Dictionary<string, ImmutableArray<HistoryPoint>>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            answer[key] = early.Windows.TryGetValue(key, out var points) ? points : rest![key];
        }

        return answer;
    }

    private Speculation? SpeculationFor(IHistoryStore history, string branch, int window, string? fingerprintKey)
    {
        if (!storeTaken || !ReferenceEquals(history, store.Result) || speculation.Status != TaskStatus.RanToCompletion && !Wait(speculation))
        {
            return null;
        }

        return speculation.Result is { } early && early.Branch == branch && early.Window == window && SameMachine(early.FingerprintKey, fingerprintKey) ? early : null;
    }

    private static Speculation? Speculate(IHistoryOperations store, BenchmarkRun baseline, CheckRequest request, int window)
    {
        var keys = SeriesKey.AllOf(baseline);
        var fingerprint = request.AnyMachine ? null : baseline.Host.Key;
        return new Speculation(store.GetRecent(request.BaselineBranch, keys, window, fingerprint), request.BaselineBranch, window, fingerprint);
    }

    private static bool SameMachine(string? a, string? b) =>
        a is null || b is null ? a is null && b is null : string.Equals(HostFingerprint.NormalizeKey(a), HostFingerprint.NormalizeKey(b), StringComparison.Ordinal);

    /// <summary>Waits for a read that may have failed; false when it did (the caller then reads again itself and meets the error).</summary>
    private static bool Wait(Task task)
    {
        try
        {
            task.Wait();
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    /// <summary>Waits for every early read (none may outlive the command), and closes the history unless it was taken.</summary>
    public void Dispose()
    {
        Wait(speculation);
        Wait(baseline);
        Wait(store);
        if (!storeTaken && store.Status == TaskStatus.RanToCompletion)
        {
            store.Result?.Dispose();
        }
    }
}
