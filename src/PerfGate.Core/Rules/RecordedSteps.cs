using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;

namespace PerfGate.Core.Rules;

/// <summary>
/// The steps <c>perfgate status</c> shows, computed once when a run is recorded and stored with it (<c>run_steps</c>,
/// docs/history.md), so status reads them instead of searching every series again. A stored row is trusted only while
/// it still describes what status would compute: the same trend settings and scan (<see cref="TrendKey"/>) over the
/// same runs (<see cref="WindowKey"/>: the ids of the branch's runs on the run's machine, in order). A prune, an import,
/// a run recorded out of order or other trend settings change a key, and status computes the steps as it always did.
/// </summary>
public static class RecordedSteps
{
    /// <summary>Bump when the scan changes what it finds for the same points (the detector, <see cref="MainStepScan"/>): every stored row goes stale.</summary>
    private const int ScanVersion = 1;

    /// <summary>The benchmark series of a run whose steps are searched (metrics have none).</summary>
    public static string[] KeysOf(IEnumerable<string> seriesKeys) =>
        [.. seriesKeys.Where(k => !SeriesKey.IsMetric(k)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Each series' steps in its last <see cref="MainStepScan.Runs"/> points (<paramref name="recent"/>, as
    /// <see cref="IHistoryStore.GetRecent"/> gives them). The series are independent and the scan is pure, so they are
    /// spread over the cores; each answer lands in its own slot, so the result does not depend on the threads.
    /// </summary>
    public static Dictionary<string, ImmutableArray<MainStep>> Scan(IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>> recent, IReadOnlyList<string> keys, TrendOptions trend)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(keys);
        var found = new ImmutableArray<MainStep>[keys.Count];
        Parallel.For(0, keys.Count, i => found[i] = MainStepScan.Find(recent[keys[i]], trend));
        var steps = new Dictionary<string, ImmutableArray<MainStep>>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            steps[keys[i]] = found[i];
        }

        return steps;
    }

    /// <summary>
    /// Computes the steps of run <paramref name="runId"/> as status would (its benchmark series <paramref name="keys"/>
    /// on <paramref name="branch"/>, on machines like <paramref name="fingerprintKey"/>) and stores them with their keys.
    /// False, storing nothing, when the branch's runs changed while they were read (another process recorded or pruned):
    /// status then computes them itself. Throws <see cref="HistoryException"/> as the store does; the run itself is
    /// never touched.
    /// </summary>
    public static bool Record(IHistoryOperations store, long runId, string branch, string fingerprintKey, IReadOnlyList<string> keys, TrendOptions trend)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trend);
        var before = store.GetWindowRunIds(branch, fingerprintKey);
        var steps = Scan(store.GetRecent(branch, keys, MainStepScan.Runs, fingerprintKey), keys, trend);
        var after = store.GetWindowRunIds(branch, fingerprintKey);
        if (!before.SequenceEqual(after))
        {
            return false;
        }

        store.SaveRunSteps(new StoredRunSteps(runId, TrendKey(trend), WindowKey(after, fingerprintKey), RunStepsCodec.Encode(steps)));
        return true;
    }

    /// <summary>
    /// The run's stored steps when both keys still match (its benchmarks without a step are absent), else null: none
    /// stored (a run recorded before migration 3, or by <c>history copy</c>), other trend settings, or other runs in the window.
    /// </summary>
    public static IReadOnlyDictionary<string, ImmutableArray<MainStep>>? TryRead(IHistoryOperations store, StoredRun run, TrendOptions trend)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trend);
        var row = store.GetRunSteps(run.Id);
        if (row is null || !string.Equals(row.TrendKey, TrendKey(trend), StringComparison.Ordinal))
        {
            return null;
        }

        var window = WindowKey(store.GetWindowRunIds(run.Branch, run.FingerprintKey), run.FingerprintKey);
        return string.Equals(row.WindowKey, window, StringComparison.Ordinal) ? RunStepsCodec.TryDecode(row.Steps) : null;
    }

    /// <summary>
    /// The settings the steps depend on: the scan's version and length and the trend options with the change-point
    /// settings they stand for, as JSON (<c>steps/1 runs=60 {"Enabled":true,…}</c>). Every option is in it, so a new one is too.
    /// </summary>
    public static string TrendKey(TrendOptions trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return string.Create(CultureInfo.InvariantCulture, $"steps/{ScanVersion} runs={MainStepScan.Runs} ")
            + JsonSerializer.Serialize(trend, RecordedStepsJson.Default.TrendOptions);
    }

    /// <summary>
    /// The runs the steps were searched in: how many, and a SHA-256 of the normalised fingerprint and their ids in
    /// order (<c>1000:3f2a…</c>). Run ids are never reused, so any run added, removed or reordered changes it.
    /// </summary>
    public static string WindowKey(IReadOnlyList<long> runIdsNewestFirst, string fingerprintKey)
    {
        ArgumentNullException.ThrowIfNull(runIdsNewestFirst);
        ArgumentNullException.ThrowIfNull(fingerprintKey);
        var fingerprint = Encoding.UTF8.GetBytes(HostFingerprint.NormalizeKey(fingerprintKey));
        var bytes = new byte[fingerprint.Length + 1 + (runIdsNewestFirst.Count * sizeof(long))];
        fingerprint.CopyTo(bytes, 0);
        for (var i = 0; i < runIdsNewestFirst.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(fingerprint.Length + 1 + (i * sizeof(long))), runIdsNewestFirst[i]);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{runIdsNewestFirst.Count}:{Convert.ToHexStringLower(SHA256.HashData(bytes))}");
    }
}

/// <summary>The trend options as <see cref="RecordedSteps.TrendKey"/> writes them, generated at compile time (Native AOT).</summary>
[JsonSerializable(typeof(TrendOptions))]
internal sealed partial class RecordedStepsJson : JsonSerializerContext;
