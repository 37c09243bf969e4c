using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Benchmarks.Calibration;

/// <summary>
/// Judges the runs recorded by <c>scripts/calibrate-record.sh</c> (layout <c>DIR/main/main-NN</c>,
/// <c>DIR/rounds/round-RR/&lt;condition&gt;/{base,head}</c>, <c>DIR/runs.tsv</c>) and prints markdown tables:
/// every head run judged alone against main's history (PerfGate's gate beside three simple rules), and every
/// condition's rounds judged as a same-runner A/B run. Offline and re-runnable, also while a recording is still
/// going (only complete runs and complete base/head pairs count):
/// <c>dotnet run -c Release --project benchmarks -- --calibrate-analyse DIR</c>.
/// </summary>
internal static class CalibrationAnalysis
{
    /// <summary>The simple rules' thresholds: github-action-benchmark's 120% ratio, Bencher's 99% t-test, a rank test at 5% with 20% apart.</summary>
    private const double RatioThreshold = 1.20;
    private const double TTestConfidence = 0.99;
    private const double RankTestAlpha = 0.05;

    /// <summary>An injected slowdown at least this large must never pass silently.</summary>
    private const int MustNotPassSilentlyPercent = 30;

    /// <summary>How many rounds the short A/B variant uses (the PR workflow's screening rounds).</summary>
    private const int ShortRounds = 3;

    /// <summary>How the gate's note says that it took a whole-suite shift as the runner's (RunnerShift); a diagnostic column only.</summary>
    private const string RunnerShiftNote = "The whole suite moved";

    public static string Analyse(string directory) => Render(Compute(directory));

    internal static CalibrationReport Compute(string directory)
    {
        var mainDirs = Directory.Exists(Path.Combine(directory, "main"))
            ? Directory.GetDirectories(Path.Combine(directory, "main"), "main-*").Where(Measured).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (mainDirs.Length == 0)
        {
            throw new InvalidOperationException($"{directory}: no complete main/main-NN runs (record them with scripts/calibrate-record.sh)");
        }

        var loads = ReadLoads(directory);
        var mains = mainDirs.Select(d => (Dir: Relative(directory, d), Run: ResultsLoader.Load([d]))).ToArray();
        var baseline = mains[^1];
        var rounds = ReadRounds(directory);

        var starts = ReadStarts(directory);
        var baseRuns = rounds.SelectMany(r => r.Pairs.Select(p => (Round: r.Number, Dir: p.BaseDir, Run: p.Base)))
            .OrderBy(b => starts.GetValueOrDefault(b.Dir, DateTimeOffset.MaxValue)).ThenBy(b => b.Dir, StringComparer.Ordinal).ToArray();

        // Two histories. "burst": the main runs, recorded back to back before the rounds (a history made in minutes, on one
        // machine state). "spread": eight unchanged runs made at other moments of the recording (the base runs of the
        // other rounds, evenly spaced in time), as main's history accrues in CI, one push at a time.
        var choices = new List<HistoryChoice> { new("burst", _ => mains) };
        if (rounds.Count >= 2 && baseRuns.Length >= mains.Length + 4)
        {
            choices.Add(new("spread", dir =>
            {
                var round = RoundOf(dir);
                var others = baseRuns.Where(b => b.Round != round).ToArray();
                var take = Math.Min(mains.Length, others.Length);
                return [.. Enumerable.Range(0, take).Select(i => others[(int)Math.Round(i * (others.Length - 1) / Math.Max(1.0, take - 1))]).Select(b => (b.Dir, b.Run))];
            }));
        }

        var single = new List<SingleRunCell>();
        var ab = new List<AbCell>();
        var historyCache = new Dictionary<string, Dictionary<string, ImmutableArray<HistoryPoint>>>(StringComparer.Ordinal);
        foreach (var choice in choices)
        {
            var bases = rounds.SelectMany(r => r.Pairs.Select(p => (p.BaseDir, p.Base))).ToArray();
            if (bases.Length > 0)
            {
                single.Add(JudgeSingleRuns(choice, Condition.BaseRuns, bases, historyCache, loads));
            }

            var heads = rounds.SelectMany(r => r.Pairs.Select(p => (p.Condition, p.HeadDir, p.Head)))
                .GroupBy(h => h.Condition).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Level);
            foreach (var group in heads)
            {
                single.Add(JudgeSingleRuns(choice, group.Key, [.. group.Select(h => (h.HeadDir, h.Head))], historyCache, loads));
            }
        }

        foreach (var condition in rounds.SelectMany(r => r.Pairs.Select(p => p.Condition)).Distinct().OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Level))
        {
            var pairs = rounds.Select(r => (r.Number, Pair: r.Pairs.FirstOrDefault(p => p.Condition == condition)))
                .Where(x => x.Pair is not null).OrderBy(x => x.Number).ToArray();
            var all = pairs.Select(x => (Round: new AbRound(x.Number, x.Pair!.Base, x.Pair.Head), x.Pair)).ToArray();
            var abHistory = HistoryFor(choices[0], all[0].Pair.HeadDir, all[0].Round.Head.Host.Key, historyCache).History;
            foreach (var take in new[] { Math.Min(ShortRounds, all.Length), all.Length }.Distinct())
            {
                // as the PR job runs it: main's recorded runs as history (they give each benchmark's relative noise)
                ab.Add(JudgeAb(condition, [.. all.Take(take)], loads, abHistory));
            }

            // a repository's first PR: no history at all
            ab.Add(JudgeAb(condition, [.. all.Take(Math.Min(ShortRounds, all.Length))], loads, null));
        }

        return new CalibrationReport(
            mains.Length,
            baseline.Dir,
            rounds.Count,
            mains[0].Run.Results.Count(r => !r.FailedToRun),
            LoadRange.Of([.. loads.Values]),
            RecordedSpan(directory),
            [.. single],
            [.. ab]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // single runs
    // ---------------------------------------------------------------------------------------------------------
    private static SingleRunCell JudgeSingleRuns(
        HistoryChoice choice,
        Condition condition,
        (string Dir, BenchmarkRun Run)[] runs,
        Dictionary<string, Dictionary<string, ImmutableArray<HistoryPoint>>> historyCache,
        IReadOnlyDictionary<string, double> loads)
    {
        var counts = new Counts();
        var changes = new List<double>();
        var shiftRuns = 0;
        var disturbedRuns = 0;
        foreach (var (dir, run) in runs)
        {
            var (history, mains) = HistoryFor(choice, dir, run.Host.Key, historyCache);
            var baseline = mains[^1];

            var verdict = Gate.Evaluate(new GateInput { Current = run, Baseline = baseline.Run, History = history, Options = GateOptions.Default });
            shiftRuns += verdict.Notes.Any(n => n.Contains(RunnerShiftNote, StringComparison.Ordinal)) ? 1 : 0;
            disturbedRuns += verdict.DisturbedRun is null ? 0 : 1;
            foreach (var b in verdict.Benchmarks.Where(b => b.Kind is not (ChangeKind.New or ChangeKind.Removed or ChangeKind.FailedToRun)))
            {
                var current = run.Results.FirstOrDefault(r => r.Id.Key == b.Id);
                var reference = baseline.Run.Results.FirstOrDefault(r => r.Id.Key == b.Id);
                var mainMedians = mains.Select(m => m.Run.Results.FirstOrDefault(r => r.Id.Key == b.Id)?.Statistics?.Median)
                    .Where(v => v is > 0).Select(v => v!.Value).ToArray();
                if (current?.Statistics is null || reference?.Statistics is null || mainMedians.Length == 0)
                {
                    continue;
                }

                counts.Add(b);
                if (b.Fails && Environment.GetEnvironmentVariable("PERFGATE_CALIBRATION_VERBOSE") == "1")
                {
                    Console.Error.WriteLine($"single ({choice.Name}) {condition.Label} {dir}: {b.Id} fails {b.ChangePercent:+0.0;-0.0}% — {string.Join(" | ", b.Findings.Where(f => f.Fails).Select(f => f.Message))}");
                }

                counts.Ratio += RatioOfMeans(current, reference) > RatioThreshold ? 1 : 0;
                counts.TTest += TTest(current.Statistics.Median, mainMedians) ? 1 : 0;
                counts.Rank += RankTest(current, reference) ? 1 : 0;
                changes.Add(Percent(current.Statistics.Median / Quantiles.Median(mainMedians)));
            }
        }

        return new SingleRunCell(choice.Name, condition, runs.Length, counts, shiftRuns, disturbedRuns, Median(changes), LoadRange.Of([.. runs.Select(r => loads.GetValueOrDefault(r.Dir, double.NaN))]));
    }

    /// <summary>The history runs the choice gives for judging <paramref name="dir"/>, as history points (cached by the runs chosen).</summary>
    private static (Dictionary<string, ImmutableArray<HistoryPoint>> History, (string Dir, BenchmarkRun Run)[] Mains) HistoryFor(
        HistoryChoice choice, string dir, string hostKey, Dictionary<string, Dictionary<string, ImmutableArray<HistoryPoint>>> cache)
    {
        var mains = choice.Mains(dir);
        var key = hostKey + "|" + string.Join("|", mains.Select(m => m.Dir));
        if (!cache.TryGetValue(key, out var history))
        {
            history = cache[key] = BuildHistory([.. mains.Select(m => m.Run)], hostKey);
        }

        return (history, mains);
    }

    /// <summary>The round number of a run folder <c>rounds/round-RR/…</c>; 0 for a main run.</summary>
    private static int RoundOf(string dir)
    {
        var parts = dir.Split('/', '\\');
        var r = Array.FindIndex(parts, p => p.StartsWith("round-", StringComparison.Ordinal));
        return r >= 0 && int.TryParse(parts[r]["round-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Main's runs as history points, newest first, every one with <paramref name="hostKey"/> so that the history applies to the judged run.</summary>
    internal static Dictionary<string, ImmutableArray<HistoryPoint>> BuildHistory(BenchmarkRun[] mains, string hostKey)
    {
        var map = new Dictionary<string, List<HistoryPoint>>(StringComparer.Ordinal);
        for (var i = 0; i < mains.Length; i++)
        {
            foreach (var r in mains[i].Results.Where(r => r.Statistics is not null))
            {
                var medians = r.Launches.Select(l => Quantiles.Median(l.NanosecondsPerOperation)).ToImmutableArray();
                var point = new HistoryPoint(i + 1, DateTimeOffset.UnixEpoch.AddHours(i), $"main-{i + 1:00}", hostKey, r.Statistics!.Median, r.AllocatedBytesPerOperation, medians);
                (map.TryGetValue(r.Id.Key, out var list) ? list : map[r.Id.Key] = []).Insert(0, point);
            }
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>github-action-benchmark's rule: the ratio of the means against the one baseline run.</summary>
    private static double RatioOfMeans(BenchmarkResult current, BenchmarkResult baseline) => current.Statistics!.Mean / baseline.Statistics!.Mean;

    /// <summary>
    /// Bencher's default t-test, one-sided at 99%, on the log of each run's median: fails when
    /// x &gt; mean + t(0.99, n−1) · s · √(1 + 1/n) over the n main runs.
    /// </summary>
    internal static bool TTest(double current, IReadOnlyList<double> mainMedians)
    {
        var n = mainMedians.Count;
        if (n < 2 || !(current > 0))
        {
            return false;
        }

        var logs = mainMedians.Select(v => Math.Log(v)).ToArray();
        var mean = logs.Average();
        var s = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return Math.Log(current) > mean + (StudentT.Quantile(TTestConfidence, n - 1) * s * Math.Sqrt(1 + (1.0 / n)));
    }

    /// <summary>A rank test against the baseline run alone (ResultsComparer-like): Mann–Whitney on the iterations, p &lt; 0.05, and the medians more than 20% apart.</summary>
    private static bool RankTest(BenchmarkResult current, BenchmarkResult baseline)
    {
        var x = current.AllValues;
        var y = baseline.AllValues;
        if (x.Length < 3 || y.Length < 3)
        {
            return false;
        }

        var p = MannWhitneyTest.Test(x, y, Alternative.Greater).PValue;
        return p < RankTestAlpha && Quantiles.Median(x) / Quantiles.Median(y) > RatioThreshold;
    }

    // ---------------------------------------------------------------------------------------------------------
    // A/B
    // ---------------------------------------------------------------------------------------------------------
    private static AbCell JudgeAb(Condition condition, (AbRound Round, Pair Pair)[] taken, IReadOnlyDictionary<string, double> loads, Dictionary<string, ImmutableArray<HistoryPoint>>? history)
    {
        AbRound[] rounds = [.. taken.Select(t => t.Round)];
        var verdict = Gate.Evaluate(new GateInput
        {
            Current = AbRounds.PoolHeads(rounds),
            Rounds = [.. rounds],
            ScreeningRounds = rounds.Length,
            Baseline = null,
            History = (IReadOnlyDictionary<string, ImmutableArray<HistoryPoint>>?)history ?? ImmutableDictionary<string, ImmutableArray<HistoryPoint>>.Empty,
            Options = GateOptions.Default,
        });

        var counts = new Counts();
        var changes = new List<double>();
        foreach (var b in verdict.Benchmarks.Where(b => b.Kind is not (ChangeKind.Removed or ChangeKind.FailedToRun)))
        {
            counts.Add(b);
            counts.New += b.Kind == ChangeKind.New ? 1 : 0;
            counts.Confirmed += b.Outcome == AbOutcome.Confirmed ? 1 : 0;
            counts.Cleared += b.Outcome == AbOutcome.Cleared ? 1 : 0;
            counts.OutcomeUndecided += b.Outcome == AbOutcome.Undecided ? 1 : 0;
            counts.NoOutcome += b.Outcome is null ? 1 : 0;
            if (condition.Level >= MustNotPassSilentlyPercent && !b.Fails && b.Severity < Severity.Warning && b.Outcome != AbOutcome.Undecided && !b.TooNoisy)
            {
                counts.SilentlyOk++;
            }

            // the observed change, paired by round, independent of the gate: the median over rounds of head/base
            var ratios = rounds
                .Select(r => (H: r.Head.Results.FirstOrDefault(x => x.Id.Key == b.Id)?.Statistics?.Median, B: r.Base.Results.FirstOrDefault(x => x.Id.Key == b.Id)?.Statistics?.Median))
                .Where(x => x.H is > 0 && x.B is > 0).Select(x => x.H!.Value / x.B!.Value).ToArray();
            if (ratios.Length > 0)
            {
                changes.Add(Percent(Quantiles.Median(ratios)));
            }
        }

        return new AbCell(condition, rounds.Length, history is not null, counts, Median(changes), LoadRange.Of([.. taken.SelectMany(t => new[] { t.Pair.BaseDir, t.Pair.HeadDir }).Select(d => loads.GetValueOrDefault(d, double.NaN))]));
    }

    // ---------------------------------------------------------------------------------------------------------
    // reading the layout
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>A run folder whose measurement has finished (a run in progress has no domain figures yet).</summary>
    private static bool Measured(string dir) =>
        File.Exists(Path.Combine(dir, "results", "perfgate-metrics.json")) && Directory.GetFiles(Path.Combine(dir, "results"), "*-report-full.json").Length > 0;

    private static List<RoundData> ReadRounds(string directory)
    {
        var roundsDir = Path.Combine(directory, "rounds");
        var rounds = new List<RoundData>();
        if (!Directory.Exists(roundsDir))
        {
            return rounds;
        }

        foreach (var rdir in Directory.GetDirectories(roundsDir, "round-*").Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(Path.GetFileName(rdir)["round-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            var pairs = new List<Pair>();
            foreach (var cdir in Directory.GetDirectories(rdir).Order(StringComparer.Ordinal))
            {
                var condition = Condition.Parse(Path.GetFileName(cdir));
                string baseDir = Path.Combine(cdir, "base"), headDir = Path.Combine(cdir, "head");
                if (condition is null || !Measured(baseDir) || !Measured(headDir))
                {
                    continue; // a pair still being recorded, or not a condition folder
                }

                pairs.Add(new Pair(condition, Relative(directory, baseDir), ResultsLoader.Load([baseDir]), Relative(directory, headDir), ResultsLoader.Load([headDir])));
            }

            if (pairs.Count > 0)
            {
                rounds.Add(new RoundData(number, pairs));
            }
        }

        return rounds;
    }

    /// <summary>runs.tsv: each run's UTC start, by run folder (relative to DIR).</summary>
    private static Dictionary<string, DateTimeOffset> ReadStarts(string directory)
    {
        var path = Path.Combine(directory, "runs.tsv");
        var starts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return starts;
        }

        var lines = File.ReadAllLines(path);
        var header = lines.Length > 0 ? lines[0].Split('\t') : [];
        int runColumn = Array.IndexOf(header, "run"), startColumn = Array.IndexOf(header, "start_utc");
        if (runColumn < 0 || startColumn < 0)
        {
            return starts;
        }

        foreach (var fields in lines.Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > Math.Max(runColumn, startColumn)))
        {
            if (DateTimeOffset.TryParse(fields[startColumn], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                starts[fields[runColumn]] = t;
            }
        }

        return starts;
    }

    /// <summary>runs.tsv: the 1-minute load average at each run's start, by run folder (relative to DIR).</summary>
    private static Dictionary<string, double> ReadLoads(string directory)
    {
        var path = Path.Combine(directory, "runs.tsv");
        var loads = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return loads;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return loads;
        }

        var header = lines[0].Split('\t');
        var runColumn = Array.IndexOf(header, "run");
        var loadColumn = Array.IndexOf(header, "load1_start");
        foreach (var fields in lines.Skip(1).Select(l => l.Split('\t')))
        {
            if (runColumn >= 0 && loadColumn >= 0 && fields.Length > Math.Max(runColumn, loadColumn)
                && double.TryParse(fields[loadColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var load))
            {
                loads[fields[runColumn]] = load;
            }
        }

        return loads;
    }

    /// <summary>The first and last run start in runs.tsv (UTC), or "n/a".</summary>
    private static string RecordedSpan(string directory)
    {
        var path = Path.Combine(directory, "runs.tsv");
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        var column = lines.Length > 0 ? Array.IndexOf(lines[0].Split('\t'), "start_utc") : -1;
        var starts = column < 0 ? [] : lines.Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > column)
            .Select(f => DateTimeOffset.TryParse(f[column], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null)
            .Where(t => t is not null).Select(t => t!.Value).Order().ToArray();
        return starts.Length == 0
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{starts[0]:yyyy-MM-dd HH:mm}–{starts[^1]:yyyy-MM-dd HH:mm} UTC ({starts.Length} runs in runs.tsv)");
    }

    private static string Relative(string root, string dir) => Path.GetRelativePath(root, dir).Replace('\\', '/');

    private static double Percent(double ratio) => (ratio - 1) * 100;

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : Quantiles.Median(values);

    // ---------------------------------------------------------------------------------------------------------
    // rendering
    // ---------------------------------------------------------------------------------------------------------
    internal static string Render(CalibrationReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Calibration: {report.MainRuns} unchanged main runs as history ({report.BaselineRun} is also the baseline), {report.Rounds} A/B rounds with at least one complete pair, {report.BenchmarksPerRun} benchmarks per run; 1-minute load average at the runs' starts {report.Load}; recorded {report.RecordedSpan}.");
        sb.AppendLine();
        sb.AppendLine("### Single run: each run judged alone against the main runs");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"PerfGate: `Gate.Evaluate` with the baseline {report.BaselineRun} and the main runs as history (GateOptions.Default). Simple rules on the same data: ratio of means vs the baseline run > 1.20 (github-action-benchmark); one-sided t-test at 99% of the run's log median against the main runs' (Bencher); Mann–Whitney of the iterations vs the baseline run, p < 0.05 and medians > 20% apart (ResultsComparer-like). Counts are benchmarks × runs; \"warn\", \"undecided\" and \"pass\" exclude failing ones. \"suite shift taken out\": runs whose verdict took a whole-suite move as the runner's (RunnerShift) — where a uniform CPU-only slowdown hides. \"judged disturbed\": runs whose benchmarks scattered far beyond any history run's (RunDisturbance): their times could not fail.");
        sb.AppendLine();
        sb.AppendLine("History \"burst\": the main runs, recorded back to back before the rounds (a history made in minutes on one machine state). History \"spread\": eight unchanged runs made at other moments of the same recording (the base runs of the other rounds, evenly spaced in time; the baseline is the newest of them), the way main's history accrues in CI, one push at a time.");
        sb.AppendLine();
        sb.AppendLine("| history | condition | injected | runs | judged | load | PerfGate fail (time) | fail (any) | warn | undecided / too noisy | pass | runs with suite shift taken out | runs judged disturbed | ratio of means > 1.20 | t-test 99% | Mann–Whitney | observed change (median) |");
        sb.AppendLine("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Single)
        {
            var k = c.Counts;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.History} | {c.Condition.Label} | {c.Condition.Injected} | {c.Runs} | {k.Judged} | {c.Load} | {k.TimeFails} | {k.AnyFails} | {k.Warnings} | {k.Undecided} | {k.Pass} | {c.ShiftRuns} | {c.DisturbedRuns} | {k.Ratio} | {k.TTest} | {k.Rank} | {FormatPercent(c.MedianChangePercent)} |");
        }

        sb.AppendLine();
        sb.AppendLine("### A/B: each condition's base/head pairs judged as same-runner rounds");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"`Gate.Evaluate` with `Current = AbRounds.PoolHeads(rounds)`, `Rounds = rounds`, `ScreeningRounds = rounds`, no baseline; with the main runs as history (as the PR job has it: they give each benchmark's relative noise, they do not decide time) for the first {ShortRounds} rounds and all rounds, and without any history (a repository's first PR) for the first {ShortRounds}. \"silently ok\" = neither fails, nor warns, nor undecided/too noisy while the injected slowdown is ≥ {MustNotPassSilentlyPercent}%. \"no reference\" = judged as new (no A/B reference used). Observed change: per benchmark the median over rounds of head/base, then the median over benchmarks.");
        sb.AppendLine();
        sb.AppendLine("| condition | injected | rounds | history | judged | load | fail (time) | fail (any) | warn | confirmed | cleared | undecided | no outcome | no reference | silently ok | observed change (median) |");
        sb.AppendLine("|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Ab.OrderBy(c => !c.WithHistory))
        {
            var k = c.Counts;
            var silently = c.Condition.Level >= MustNotPassSilentlyPercent ? k.SilentlyOk.ToString(CultureInfo.InvariantCulture) : "–";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Condition.Label} | {c.Condition.Injected} | {c.Rounds} | {(c.WithHistory ? "main runs" : "none")} | {k.Judged} | {c.Load} | {k.TimeFails} | {k.AnyFails} | {k.Warnings} | {k.Confirmed} | {k.Cleared} | {k.OutcomeUndecided} | {k.NoOutcome} | {k.New} | {silently} | {FormatPercent(c.MedianChangePercent)} |");
        }

        return sb.ToString();
    }

    private static string FormatPercent(double value) =>
        double.IsFinite(value) ? value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private sealed record RoundData(int Number, List<Pair> Pairs);

    /// <summary>Which unchanged runs stand in for main's history when judging a run folder.</summary>
    private sealed record HistoryChoice(string Name, Func<string, (string Dir, BenchmarkRun Run)[]> Mains);

    private sealed record Pair(Condition Condition, string BaseDir, BenchmarkRun Base, string HeadDir, BenchmarkRun Head);
}

/// <summary>What a run folder's head carries: <c>cpu-N</c> (PERFGATE_SAMPLE_EXTRA_CPU=N/100) or <c>alloc-N</c> (PERFGATE_SAMPLE_EXTRA_WORK=N/100).</summary>
internal sealed record Condition(string Kind, int Level)
{
    /// <summary>The unchanged base runs of every round, judged as single runs too.</summary>
    public static Condition BaseRuns { get; } = new("base", 0);

    public string Label => Kind == "base" ? "base runs (unchanged)" : $"{Kind}-{Level}" + (Level == 0 ? " (unchanged head)" : "");

    public string Injected => Kind switch
    {
        "base" => "+0%",
        "cpu" => $"+{Level}% time",
        _ => $"+{Level}% time and allocations",
    };

    public static Condition? Parse(string folder)
    {
        var dash = folder.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(folder[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            return null;
        }

        var kind = folder[..dash];
        return kind is "cpu" or "alloc" ? new Condition(kind, level) : null;
    }
}

/// <summary>The counts of one table cell, over benchmarks × runs.</summary>
internal sealed class Counts
{
    public int Judged { get; private set; }

    public int TimeFails { get; private set; }

    public int AnyFails { get; private set; }

    /// <summary>Not failing, with a warning.</summary>
    public int Warnings { get; private set; }

    /// <summary>Neither failing nor warning, and too noisy or undecided.</summary>
    public int Undecided { get; private set; }

    public int Pass => Judged - AnyFails - Warnings - Undecided;

    public int Ratio { get; set; }

    public int TTest { get; set; }

    public int Rank { get; set; }

    public int Confirmed { get; set; }

    public int Cleared { get; set; }

    public int OutcomeUndecided { get; set; }

    public int NoOutcome { get; set; }

    public int New { get; set; }

    public int SilentlyOk { get; set; }

    public void Add(BenchmarkVerdict b)
    {
        Judged++;
        TimeFails += b.Findings.Any(f => f.Fails && f.Metric == "time") ? 1 : 0;
        AnyFails += b.Fails ? 1 : 0;
        var warns = !b.Fails && (b.Severity >= Severity.Warning || b.Findings.Any(f => f.Severity >= Severity.Warning));
        Warnings += warns ? 1 : 0;
        Undecided += !b.Fails && !warns && (b.TooNoisy || b.Outcome == AbOutcome.Undecided) ? 1 : 0;
    }
}

/// <summary>The range of the 1-minute load averages at the start of a cell's runs.</summary>
internal sealed record LoadRange(double Min, double Max, int Known)
{
    public static LoadRange Of(double[] loads)
    {
        var known = loads.Where(double.IsFinite).ToArray();
        return known.Length == 0 ? new LoadRange(double.NaN, double.NaN, 0) : new LoadRange(known.Min(), known.Max(), known.Length);
    }

    public override string ToString() =>
        Known == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{Min:0.0}–{Max:0.0}");
}

/// <param name="ShiftRuns">Runs whose verdict took a whole-suite shift out as the runner's (a uniform CPU-only slowdown hides there).</param>
internal sealed record SingleRunCell(string History, Condition Condition, int Runs, Counts Counts, int ShiftRuns, int DisturbedRuns, double MedianChangePercent, LoadRange Load);

internal sealed record AbCell(Condition Condition, int Rounds, bool WithHistory, Counts Counts, double MedianChangePercent, LoadRange Load);

internal sealed record CalibrationReport(
    int MainRuns,
    string BaselineRun,
    int Rounds,
    int BenchmarksPerRun,
    LoadRange Load,
    string RecordedSpan,
    ImmutableArray<SingleRunCell> Single,
    ImmutableArray<AbCell> Ab);
