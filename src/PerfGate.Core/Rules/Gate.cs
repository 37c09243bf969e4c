using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// The three-tier gate (SPEC §3): targets, statistics against the baseline and the history, trend; plus the
/// exact comparison of deterministic figures. Pure: numbers in, a <see cref="Verdict"/> out.
/// </summary>
public static class Gate
{
    public static Verdict Evaluate(GateInput input)
    {
        var options = input.Options;
        var notes = new List<string>();
        var current = Index(input.Current);
        var baseline = input.Baseline is null ? new Dictionary<string, BenchmarkResult>() : Index(input.Baseline);
        var mismatch = input.Baseline is not null && !input.Current.Host.IsComparableTo(input.Baseline.Host);

        var cases = BuildCases(input, current, baseline, notes);
        DetectRenames(cases);

        var prior = NoiseModel.Prior(cases.Select(c => c.History), options.Statistics);
        var judged = cases.Where(c => c.CurrentEstimate is not null).ToList();
        foreach (var c in judged)
        {
            c.Noise = NoiseModel.Estimate(c.History, c.CurrentEstimate!, c.BaselineEstimate, prior, options.Statistics);
        }

        var typicalVariance = judged.Count > 0 ? Quantiles.Median([.. judged.Select(c => c.Noise!.RunVariance)]) : prior.Variance;
        var steady = judged.Where(c => !AllocationChanged(c, options)).ToList();
        var baselineShift = RunnerShift.Detect([.. steady.Where(c => c.BaselineEstimate is not null).Select(c => c.CurrentEstimate!.LogValue - c.BaselineEstimate!.LogValue)], 2 * typicalVariance, options.Thresholds);
        var historyShift = RunnerShift.Detect([.. steady.Where(c => c.History is { Count: > 0 }).Select(c => c.CurrentEstimate!.LogValue - c.History!.LogMedian)], typicalVariance, options.Thresholds);
        foreach (var c in judged)
        {
            var shiftable = !AllocationChanged(c, options);
            var bs = shiftable ? baselineShift : null;
            var hs = shiftable ? historyShift : null;
            c.BaselineTest = c.BaselineEstimate is { } b
                ? Test(c.CurrentEstimate!.LogValue - b.LogValue - (bs?.LogShift ?? 0), (2 * c.Noise!.RunVariance) + (bs?.Variance ?? 0), c)
                : null;
            c.HistoryTest = c.History is { Count: > 0 } h && h.Confidence >= options.Statistics.LowConfidence
                ? Test(c.CurrentEstimate!.LogValue - h.LogMedian - (hs?.LogShift ?? 0), (c.Noise!.RunVariance * (1 + (Math.PI / (2 * h.Count)))) + (hs?.Variance ?? 0), c)
                : null;
        }

        foreach (var (shift, against) in new[] { (baselineShift, "the baseline"), (historyShift, "the history") })
        {
            if (shift is not null)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The whole suite moved {shift.Percent:+0.0;-0.0}% against {against} ({shift.Benchmarks} benchmarks with unchanged allocations, most the same way): taken as the runner's doing, so those benchmarks are judged relative to that shift. A regression that slows every benchmark alike without changing allocations would hide here; rerun on a quiet runner if in doubt."));
            }
        }

        var alpha = options.Statistics.SignificanceLevel;
        var testCount = Correct(cases);

        var acknowledgements = new AcknowledgementRule(input.Acknowledgements);
        foreach (var c in cases)
        {
            Judge(c, input, options, alpha, mismatch, notes);
            Acknowledge(c, acknowledgements, options);
        }

        var verdicts = cases.Select(c => ToVerdict(c, options, alpha, testCount)).ToImmutableArray();
        var metrics = JudgeRunMetrics(input, options, acknowledgements);

        AddRunNotes(input, options, mismatch, cases, verdicts, prior, notes);
        var passed = !verdicts.Any(v => v.Fails) && !metrics.Any(m => m.Fails);
        return new Verdict
        {
            Passed = passed,
            Benchmarks = [.. VerdictOrdering.ForReport(verdicts)],
            Metrics = metrics,
            Notes = [.. notes],
            Thresholds = new GateThresholds(
                options.Thresholds.WarningPercent,
                options.Thresholds.FailPercent,
                options.Thresholds.CriticalPercent,
                alpha,
                options.Statistics.HistoryWindow),
            Context = new RunContext
            {
                HeadCommit = input.HeadCommit ?? input.Current.Commit,
                HeadBranch = input.HeadBranch ?? input.Current.Branch,
                BaselineCommit = input.Baseline?.Commit,
                CurrentFingerprint = input.Current.Host.Key,
                BaselineFingerprint = input.Baseline?.Host.Key,
                FingerprintMismatch = mismatch,
                HistoryRuns = cases.Select(c => c.History?.Values.Length ?? 0).DefaultIfEmpty(0).Max(),
                HasMeasurements = input.Current.Detail == ResultDetail.Measurements,
                Timestamp = input.Current.Timestamp,
            },
        };
    }

    private static Dictionary<string, BenchmarkResult> Index(BenchmarkRun run)
    {
        var map = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        foreach (var r in run.Results)
        {
            map.TryAdd(r.Id.Key, r);
        }

        return map;
    }

    private static List<BenchmarkCase> BuildCases(
        GateInput input,
        Dictionary<string, BenchmarkResult> current,
        Dictionary<string, BenchmarkResult> baseline,
        List<string> notes)
    {
        var options = input.Options;
        var cases = new List<BenchmarkCase>();
        foreach (var key in current.Keys.Union(baseline.Keys).Order(StringComparer.Ordinal))
        {
            current.TryGetValue(key, out var cur);
            baseline.TryGetValue(key, out var bas);
            var rule = options.Benchmarks.FirstOrDefault(b => Glob.IsMatch(b.Match, key));
            if (rule is { Ignore: true })
            {
                notes.Add($"Ignored by configuration ({rule.Match}): {key}");
                continue;
            }

            input.History.TryGetValue(key, out var points);
            cases.Add(new BenchmarkCase
            {
                Key = key,
                DisplayName = (cur ?? bas)!.Id.DisplayName,
                Current = cur,
                Baseline = bas,
                CurrentEstimate = cur is null ? null : RunEstimate.From(cur),
                BaselineEstimate = bas is null ? null : RunEstimate.From(bas),
                History = HistoryReference.Build(points, options.Statistics),
                WarningPercent = rule?.WarningPercent ?? options.Thresholds.WarningPercent,
                FailPercent = rule?.FailPercent ?? options.Thresholds.FailPercent,
            });
        }

        return cases;
    }

    /// <summary>A benchmark that disappeared and one that appeared with the same method, parameters and job (or type, parameters and job) are probably one renamed.</summary>
    private static void DetectRenames(List<BenchmarkCase> cases)
    {
        var removed = cases.Where(c => c.Current is null && c.Baseline is not null).ToList();
        var added = cases.Where(c => c.Baseline is null && c.Current is not null && c.History is null).ToList();
        foreach (var a in added)
        {
            var id = a.Current!.Id;
            var matches = removed.Where(r =>
            {
                var old = r.Baseline!.Id;
                return old.Parameters == id.Parameters && old.Job == id.Job && (old.Method == id.Method || old.Type == id.Type);
            }).ToList();
            if (matches.Count == 1)
            {
                a.RenameNote = $"possibly renamed from {matches[0].Key}";
                matches[0].RenameNote = $"possibly renamed to {a.Key}";
                removed.Remove(matches[0]);
            }
        }
    }

    private static ChangeTest Test(double logChange, double variance, BenchmarkCase c) =>
        new(logChange, Math.Sqrt(variance), c.Noise!.DegreesOfFreedom, Math.Log(1 + (c.WarningPercent / 100)));

    /// <summary>
    /// Holm's step-down correction over every failing test in the suite (family-wise error at α: with hundreds of
    /// benchmarks no chance failure), Benjamini–Hochberg over the warning tests (false discovery rate: warnings stay few).
    /// </summary>
    private static int Correct(List<BenchmarkCase> cases)
    {
        var tests = new List<(BenchmarkCase Case, bool IsBaseline, ChangeTest Test)>();
        foreach (var c in cases)
        {
            if (c.BaselineTest is { } b)
            {
                tests.Add((c, true, b));
            }

            if (c.HistoryTest is { } h)
            {
                tests.Add((c, false, h));
            }
        }

        if (tests.Count == 0)
        {
            return 0;
        }

        var fail = MultipleTesting.Holm([.. tests.Select(t => t.Test.FailPValue)]);
        var warn = MultipleTesting.BenjaminiHochberg([.. tests.Select(t => t.Test.WarnPValue)]);
        for (var i = 0; i < tests.Count; i++)
        {
            var (c, isBaseline, _) = tests[i];
            if (isBaseline)
            {
                c.BaselineFailP = fail[i];
                c.BaselineWarnP = warn[i];
            }
            else
            {
                c.HistoryFailP = fail[i];
                c.HistoryWarnP = warn[i];
            }
        }

        return tests.Count;
    }

    private static void Judge(BenchmarkCase c, GateInput input, GateOptions options, double alpha, bool mismatch, List<string> notes)
    {
        var t = options.Thresholds;
        var cur = c.Current;
        if (cur is null || cur.FailedToRun)
        {
            return;
        }

        // A metric target without a benchmark glob also applies to a custom metric attached to this benchmark.
        foreach (var match in TargetMatcher.ForBenchmark(options.Targets, c.Key, cur.Metrics))
        {
            if (match.Metric is { } m)
            {
                c.Findings.Add(TargetMatcher.Judge(match.Target, m.Id, m.Value, m.Unit, t.CriticalFactor, m.BiggerIsBetter));
            }
            else if (c.CurrentEstimate is { } estimate)
            {
                c.Findings.Add(TargetMatcher.Judge(match.Target, "time", estimate.Value, "ns", t.CriticalFactor));
            }
        }

        // Allocations against the baseline's figure; a benchmark the baseline does not measure (added since, or a
        // baseline without memory diagnostics) is held to the median of its recorded main runs instead.
        if (c.Baseline is { AllocatedBytesPerOperation: { } baseAlloc })
        {
            if (cur.AllocatedBytesPerOperation is { } curAlloc &&
                ExactRule.Judge("allocated", "B", baseAlloc, curAlloc, false, options.Allocations, c.WarningPercent, c.FailPercent, t.CriticalFactor) is { } alloc)
            {
                c.Findings.Add(alloc);
            }
        }
        else if (c.History is { AllocatedBytes: { } historyAlloc } recorded && cur.AllocatedBytesPerOperation is { } curAlloc &&
                 ExactRule.Judge("allocated", "B", historyAlloc, curAlloc, false, options.Allocations, c.WarningPercent, c.FailPercent, t.CriticalFactor) is { } alloc)
        {
            c.Findings.Add(alloc with
            {
                Message = alloc.Message + string.Create(CultureInfo.InvariantCulture, $" (against the median of {recorded.AllocationRuns} recorded runs; the baseline has no allocation figure)"),
            });
        }

        if (c.Baseline is { } bas)
        {
            foreach (var m in cur.Metrics.Where(m => m.Deterministic && IsCustomMetric(m)))
            {
                if (bas.Metrics.FirstOrDefault(x => x.Id == m.Id) is { } old &&
                    ExactRule.Judge(m.Id, m.Unit, old.Value, m.Value, m.BiggerIsBetter, options.Metrics, c.WarningPercent, c.FailPercent, t.CriticalFactor) is { } f)
                {
                    c.Findings.Add(f);
                }
            }
        }

        if (c.CurrentEstimate is not { } now)
        {
            return;
        }

        if (c.BaselineTest is { } bt && c.BaselineEstimate is { } be)
        {
            var finding = StatisticalRule.Judge(
                Tier.Baseline, bt, c.BaselineFailP ?? 1, c.BaselineWarnP ?? 1, bt.ImprovementPValue, c, be.Value, now.Value, alpha, options,
                canFail: !mismatch,
                cannotFailReason: "the baseline was measured on a different machine or runtime");
            if (finding is not null)
            {
                c.Findings.Add(finding);
            }
        }

        if (c.HistoryTest is { } ht && c.History is { } h)
        {
            var full = h.Confidence >= options.Statistics.HighConfidence;
            var finding = StatisticalRule.Judge(
                Tier.History, ht, c.HistoryFailP ?? 1, c.HistoryWarnP ?? 1, ht.ImprovementPValue, c, Math.Exp(h.LogMedian), now.Value, alpha, options,
                canFail: full,
                cannotFailReason: string.Create(CultureInfo.InvariantCulture, $"only {h.Count} of {options.Statistics.HistoryWindow} history runs (confidence {h.Confidence:0.00} < {options.Statistics.HighConfidence:0.0#})"));
            if (finding is not null)
            {
                c.Findings.Add(finding);
            }

            if (TrendRule.Judge(h, now, options) is { } trend)
            {
                c.Findings.Add(trend);
            }
        }
    }

    /// <summary>True when the allocations per operation moved beyond the exact-figure tolerance: the code changed.</summary>
    private static bool AllocationChanged(BenchmarkCase c, GateOptions options) =>
        c.Baseline?.AllocatedBytesPerOperation is { } before && c.Current?.AllocatedBytesPerOperation is { } after &&
        Math.Abs(after - before) > Math.Max(options.Allocations.ToleranceAbsolute, Math.Abs(before) * options.Allocations.TolerancePercent / 100);

    private static bool IsCustomMetric(MetricValue m) =>
        !m.Id.Contains("Gen", StringComparison.OrdinalIgnoreCase) && !m.Id.Contains("Alloc", StringComparison.OrdinalIgnoreCase);

    private static BenchmarkVerdict ToVerdict(BenchmarkCase c, GateOptions options, double alpha, int testCount)
    {
        var findings = c.Findings.ToImmutableArray();
        if (c.RenameNote is not null)
        {
            findings = findings.Add(new Finding { Tier = Tier.Baseline, Severity = Severity.Ok, Metric = "id", Message = c.RenameNote });
        }

        var history = c.History?.Values ?? [];
        if (c.Current is null)
        {
            return new BenchmarkVerdict
            {
                Id = c.Key,
                DisplayName = c.DisplayName,
                Kind = ChangeKind.Removed,
                Baseline = c.BaselineEstimate?.Value,
                BaselineAllocatedBytes = c.Baseline?.AllocatedBytesPerOperation,
                History = history,
                Findings = findings,
            };
        }

        if (c.Current.FailedToRun)
        {
            return new BenchmarkVerdict
            {
                Id = c.Key,
                DisplayName = c.DisplayName,
                Kind = ChangeKind.FailedToRun,
                Severity = Severity.Warning,
                Baseline = c.BaselineEstimate?.Value,
                History = history,
                Findings = findings.Add(new Finding
                {
                    Tier = Tier.Baseline,
                    Severity = Severity.Warning,
                    Metric = "time",
                    Message = "the benchmark produced no measurements in this run (it threw or was cancelled); see the BenchmarkDotNet log",
                }),
            };
        }

        var primary = c.BaselineTest ?? c.HistoryTest;
        var reference = c.BaselineEstimate?.Value ?? (c.History is { } h && c.HistoryTest is not null ? Math.Exp(h.LogMedian) : (double?)null);
        var severity = findings.Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max();
        var fails = findings.Any(f => f.Fails);
        double? mde = null;
        var tooNoisy = false;
        string? advice = null;
        (double Lower, double Upper)? interval = null;
        if (primary is not null)
        {
            interval = primary.IntervalPercent(0.95);
            var perTestAlpha = alpha / Math.Max(1, testCount);
            mde = primary.MinimumDetectablePercent(perTestAlpha, options.Statistics.Power, c.FailPercent);

            // "Too noisy" is a claim about this benchmark's measured noise, not about the prior the gate starts with:
            // judged from the evidence alone (history and launches), once there are at least 2 degrees of freedom of it.
            if (c.Noise is { EvidenceVariance: { } measured, EvidenceDegreesOfFreedom: >= 2 } noise)
            {
                var scale = Math.Sqrt(measured / noise.RunVariance);
                var measuredTest = primary with { StandardError = primary.StandardError * scale, DegreesOfFreedom = noise.EvidenceDegreesOfFreedom };
                tooNoisy = measuredTest.MinimumDetectablePercent(perTestAlpha, options.Statistics.Power, c.FailPercent) > c.FailPercent * options.Thresholds.CriticalFactor;
            }
            if (tooNoisy)
            {
                advice = Advice(c, options, mde.Value);
            }
        }

        var kind = KindOf(c, primary, findings, reference is null);
        return new BenchmarkVerdict
        {
            Id = c.Key,
            DisplayName = c.DisplayName,
            Kind = kind,
            Severity = severity,
            Fails = fails,
            Baseline = reference,
            Current = c.CurrentEstimate?.Value,
            ChangePercent = primary?.ChangePercent,
            ChangeLowerPercent = interval?.Lower,
            ChangeUpperPercent = interval?.Upper,
            MinimumDetectableChangePercent = mde,
            TooNoisy = tooNoisy,
            NoiseAdvice = advice,
            BaselineAllocatedBytes = c.Baseline?.AllocatedBytesPerOperation,
            CurrentAllocatedBytes = c.Current.AllocatedBytesPerOperation,
            History = history,
            Findings = findings,
        };
    }

    private static ChangeKind KindOf(BenchmarkCase c, ChangeTest? primary, ImmutableArray<Finding> findings, bool noReference)
    {
        if (noReference && c.Baseline is null)
        {
            return ChangeKind.New;
        }

        var slower = findings.Any(f => f.Severity >= Severity.Warning && f.Tier is Tier.Baseline or Tier.History or Tier.Exact or Tier.Target && (f.ChangePercent ?? 1) > 0);
        if (slower)
        {
            return ChangeKind.Regression;
        }

        var faster = findings.Any(f => f.Severity == Severity.Ok && f.Tier is Tier.Baseline or Tier.History && f.ChangePercent < 0);
        return faster && primary is not null ? ChangeKind.Improvement : ChangeKind.Unchanged;
    }

    private static string Advice(BenchmarkCase c, GateOptions options, double mde)
    {
        var noise = c.Noise!.RunNoisePercent;
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"run-to-run noise ±{noise:0.#}% ({c.Noise.Source}); the smallest slowdown it can catch reliably is {mde:0}%"),
        };
        var historyRuns = c.History?.Count ?? 0;
        if (historyRuns < options.Statistics.HistoryWindow)
        {
            parts.Add($"record more main-branch runs (perfgate check --record; {historyRuns} of {options.Statistics.HistoryWindow} so far)");
        }

        if ((c.CurrentEstimate?.Launches ?? 1) < 3)
        {
            parts.Add("run more launches (the benchmarks' --ci job runs 3; BenchmarkDotNet's --launchCount)");
        }
        else
        {
            parts.Add("more launches or a quieter runner");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Applies the acknowledgement rule to the case's findings (docs/alerts.md).</summary>
    private static void Acknowledge(BenchmarkCase c, AcknowledgementRule acknowledgements, GateOptions options)
    {
        if (acknowledgements.IsEmpty)
        {
            return;
        }

        var slack = options.Thresholds.AcknowledgementSlackPercent ?? c.WarningPercent;
        for (var i = 0; i < c.Findings.Count; i++)
        {
            var f = c.Findings[i];
            var biggerIsBetter = c.Current?.Metrics.FirstOrDefault(m => m.Id == f.Metric) is { } m && IsBiggerBetter(m, options);
            c.Findings[i] = acknowledgements.Apply(f, c.Key, biggerIsBetter, slack);
        }
    }

    /// <summary>Time and allocations are smaller-is-better; a metric is bigger-is-better when it says so or a target for it does.</summary>
    private static bool IsBiggerBetter(MetricValue m, GateOptions options) =>
        m.BiggerIsBetter || options.Targets.Any(t => t.Metric == m.Id && t.BiggerIsBetter);

    private static ImmutableArray<MetricVerdict> JudgeRunMetrics(GateInput input, GateOptions options, AcknowledgementRule acknowledgements)
    {
        var t = options.Thresholds;
        var old = input.Baseline?.Metrics.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var list = new List<MetricVerdict>();
        foreach (var m in input.Current.Metrics.GroupBy(m => m.Id).Select(g => g.First()))
        {
            var findings = new List<Finding>();
            old.TryGetValue(m.Id, out var before);
            if (before is not null && m.Deterministic &&
                ExactRule.Judge(m.Id, m.Unit, before.Value, m.Value, m.BiggerIsBetter, options.Metrics, t.WarningPercent, t.FailPercent, t.CriticalFactor) is { } exact)
            {
                findings.Add(exact);
            }

            var target = TargetMatcher.ForRunMetric(options.Targets, m.Id);
            if (target is not null)
            {
                findings.Add(TargetMatcher.Judge(target, m.Id, m.Value, m.Unit, t.CriticalFactor, m.BiggerIsBetter));
            }

            var slack = t.AcknowledgementSlackPercent ?? t.WarningPercent;
            for (var i = 0; i < findings.Count; i++)
            {
                findings[i] = acknowledgements.Apply(findings[i], SeriesKey.ForMetric(m.Id), IsBiggerBetter(m, options), slack);
            }

            list.Add(new MetricVerdict
            {
                Id = m.Id,
                Name = m.Name,
                Unit = m.Unit,
                BiggerIsBetter = m.BiggerIsBetter,
                Baseline = before?.Value,
                Current = m.Value,
                ChangePercent = before is { Value: not 0 } b ? (m.Value / b.Value - 1) * 100 : null,
                Target = target?.Target,
                Severity = findings.Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max(),
                Fails = findings.Any(f => f.Fails),
                Findings = [.. findings],
            });
        }

        var attached = input.Current.Results.SelectMany(r => r.Metrics).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var target in options.Targets.Where(x => x.Benchmark is null && x.Metric is not null && list.All(m => m.Id != x.Metric) && !attached.Contains(x.Metric)))
        {
            list.Add(new MetricVerdict
            {
                Id = target.Metric!,
                Name = target.Name ?? target.Metric!,
                Unit = "",
                Target = target.Target,
                Severity = Severity.Warning,
                Findings =
                [
                    new Finding { Tier = Tier.Target, Severity = Severity.Warning, Metric = target.Metric!, Message = $"{target.Metric}: a target is configured but this run did not report the metric" },
                ],
            });
        }

        return [.. list.OrderBy(m => m.Id, StringComparer.Ordinal)];
    }

    private static void AddRunNotes(
        GateInput input,
        GateOptions options,
        bool mismatch,
        List<BenchmarkCase> cases,
        ImmutableArray<BenchmarkVerdict> verdicts,
        (double Variance, string Source) prior,
        List<string> notes)
    {
        if (input.Baseline is null)
        {
            notes.Add("No baseline was given: only the history and the targets could judge this run.");
        }
        else if (mismatch)
        {
            notes.Add($"The baseline was measured on a different machine or runtime ({input.Baseline.Host.Key}) than this run ({input.Current.Host.Key}): baseline comparisons are shown but cannot fail the build.");
        }

        if (input.Baseline is not null && cases.Count > 0 && cases.All(c => c.Current is null || c.Baseline is null))
        {
            notes.Add("No benchmark of this run appears in the baseline: is the baseline from another project, or were all benchmarks renamed?");
        }

        if (input.Current.Detail == ResultDetail.StatisticsOnly)
        {
            notes.Add("These results hold statistics only (BenchmarkDotNet's brief exporter): no raw measurements or launches; use JsonExporter.Full for better between-run evidence.");
        }

        var learning = verdicts.Where(v => !v.TooNoisy && v.MinimumDetectableChangePercent > options.Thresholds.CriticalPercent).ToList();
        if (learning.Count > 0)
        {
            var typical = learning.Select(v => v.MinimumDetectableChangePercent!.Value).Order().ElementAt(learning.Count / 2);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{learning.Count} benchmark(s) have too little measured run-to-run evidence yet: until main-branch runs are recorded (perfgate check --record on main) the gate assumes ±{options.Statistics.AssumedRunToRunNoisePercent:0.#}% noise and only catches slowdowns above about {typical:0}%."));
        }

        var noisy = verdicts.Count(v => v.TooNoisy);
        if (noisy > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{noisy} benchmark(s) are too noisy to catch a {options.Thresholds.FailPercent * options.Thresholds.CriticalFactor:0}% slowdown reliably; each says what would help."));
        }

        var historyRuns = cases.Select(c => c.History?.Count ?? 0).DefaultIfEmpty(0).Max();
        if (historyRuns == 0 && learning.Count == 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"No main-branch history yet: run-to-run noise is assumed ({prior.Source}) until recorded runs show it."));
        }

        notes.AddRange(input.Current.Warnings);
    }
}
