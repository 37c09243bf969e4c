using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
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
        var ab = !input.Rounds.IsDefaultOrEmpty;
        var mismatch = input.Baseline is not null && !input.Current.Host.IsComparableTo(input.Baseline.Host);
        var sameRunnerBase = ab ? AbRounds.PoolBases(input.Rounds) : null;

        // 1. Evidence: what was measured, per benchmark id.
        var evidence = BuildEvidence(input, sameRunnerBase, notes);
        evidence = DetectRenames(evidence);

        // 2. Noise: each benchmark's run-to-run noise (single-run references) and round-difference noise (A/B).
        var prior = NoiseModel.Prior(evidence.Select(e => e.History), options.Statistics);
        var pairedPrior = PairedNoise.SuitePrior(evidence.Select(e => e.Rounds), options.Statistics);
        var historyVariance = SuiteHistoryVariance(evidence);
        evidence = [.. PerBenchmark.Map(evidence, e => e with
        {
            Noise = e.CurrentEstimate is { } now ? NoiseModel.Estimate(e.History, now, e.BaselineEstimate, prior, options.Statistics) : null,
            PairedNoise = e.Rounds is { } pairs ? PairedNoise.Estimate(pairs, pairedPrior, PairedNoise.RelativeNoise(e.History, historyVariance), options.Statistics) : null,
        })];

        // 3. Comparisons: every reference's view of every benchmark, one of them deciding.
        var shifts = new List<RunnerShift>();
        var disturbance = ab ? null : Disturbance(evidence, options);
        var references = References(input, evidence, mismatch, ab, notes, shifts);
        if (disturbance is not null)
        {
            references = [.. references.Select(r => (IReference)new DisturbedRunReference(r, disturbance))];
            notes.Add("This run's times could not fail: " + disturbance.Describe() + ". A single run cannot tell such a runner's noise from the code; an A/B run (perfgate ab: base and head side by side) or a run on a quiet runner can. Allocations were judged as always.");
        }

        var comparisons = Decide([.. PerBenchmark.Map(evidence, e => references.Select(r => r.Compare(e)).OfType<Comparison>().Select(c => WithinMainsRange(e, c)).ToArray()).SelectMany(c => c)]);

        // 4. The suite-wide correction.
        var corrected = SuiteCorrection.Apply(comparisons);
        var alpha = options.Statistics.SignificanceLevel;
        var perTestAlpha = alpha / Math.Max(1, SuiteCorrection.DecidingTests(corrected));
        var byKey = corrected.ToLookup(c => c.Comparison.Key, StringComparer.Ordinal);

        // 5. Findings, acknowledgements, verdicts.
        var acknowledgements = new AcknowledgementRule(input.Acknowledgements);
        var verdicts = PerBenchmark.Map(evidence, e =>
            {
                var findings = Acknowledge(e, Judge(e, byKey[e.Key], options, alpha, perTestAlpha, input.OffBaselineBranch), acknowledgements, options);
                return ToVerdict(e, byKey[e.Key].FirstOrDefault(c => c.Comparison.Decides), findings, options, alpha, perTestAlpha, input.ScreeningRounds);
            })
            .ToImmutableArray();
        var metrics = JudgeRunMetrics(input, ab ? sameRunnerBase : input.Baseline, options, acknowledgements);

        AddRunNotes(input, options, mismatch, ab, evidence, verdicts, prior, notes);
        var passed = !verdicts.Any(v => v.Fails) && !metrics.Any(m => m.Fails);
        return new Verdict
        {
            Passed = passed,
            Benchmarks = [.. VerdictOrdering.ForReport(verdicts)],
            Metrics = metrics,
            Notes = [.. notes],
            MainSteps = input.OffBaselineBranch ? MainSteps(evidence, options, acknowledgements, input.LastReviewed) : [],
            PerformanceIndex = CompositeScores.Index(evidence, input.Current, options),
            RegressionScore = CompositeScores.Regression(corrected),
            DisturbedRun = disturbance?.Describe(),
            RunnerShiftPercent = shifts.Where(x => Math.Abs(x.Percent) >= options.Thresholds.WarningPercent).OrderByDescending(x => Math.Abs(x.Percent)).Select(x => (double?)x.Percent).FirstOrDefault(),
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
                HistoryRuns = evidence.Select(e => e.History?.Values.Length ?? 0).DefaultIfEmpty(0).Max(),
                HasMeasurements = input.Current.Detail == ResultDetail.Measurements,
                Timestamp = input.Current.Timestamp,
            },
        };
    }

    /// <summary>
    /// Lasting steps up in main's own series (this run left out: it is not a main run), unless an acknowledgement of the
    /// series (of any reason) was made after the step's first run: the PR comment's context line.
    /// </summary>
    private static ImmutableArray<string> MainSteps(IEnumerable<BenchmarkEvidence> evidence, GateOptions options, AcknowledgementRule acknowledgements, IReadOnlyDictionary<string, DateTimeOffset> lastReviewed) =>
    [
        .. PerBenchmark.Map(evidence.Where(e => e.History is not null && e.Current is not null).ToArray(), e => (e, Step: TrendRule.Find(e.History!, null, options)))
            .Where(x => x.Step is { } s
                        && !(acknowledgements.Find(x.e.Key, "time") is { } ack && ack.At >= s.FirstRunAfter.Timestamp)
                        && !(lastReviewed.TryGetValue(x.e.Key, out var reviewed) && reviewed >= s.FirstRunAfter.Timestamp))
            .Select(x => $"{x.e.DisplayName}: {x.Step!.Describe()}"),
    ];

    private static Dictionary<string, BenchmarkResult> Index(BenchmarkRun run)
    {
        var map = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        foreach (var r in run.Results)
        {
            map.TryAdd(r.Id.Key, r);
        }

        return map;
    }

    private static ImmutableArray<BenchmarkEvidence> BuildEvidence(GateInput input, BenchmarkRun? sameRunnerBase, List<string> notes)
    {
        var options = input.Options;
        var current = Index(input.Current);
        var baseline = input.Baseline is null ? [] : Index(input.Baseline);
        var bases = sameRunnerBase is null ? [] : Index(sameRunnerBase);
        var keys = current.Keys.Union(baseline.Keys).Order(StringComparer.Ordinal).ToArray();
        var rules = Array.ConvertAll(keys, key => options.Benchmarks.FirstOrDefault(b => Glob.IsMatch(b.Match, key)));
        var built = PerBenchmark.Map(Enumerable.Range(0, keys.Length).ToArray(), i =>
        {
            var (key, rule) = (keys[i], rules[i]);
            if (rule is { Ignore: true })
            {
                return null;
            }

            current.TryGetValue(key, out var cur);
            baseline.TryGetValue(key, out var bas);
            bases.TryGetValue(key, out var sameRunner);
            input.History.TryGetValue(key, out var points);
            var id = (cur ?? bas)!.Id;
            return new BenchmarkEvidence
            {
                Key = key,
                DisplayName = id.DisplayName,
                FilterPattern = $"{id.Type.Replace('+', '.')}.{id.Method}",
                Current = cur,
                Baseline = bas,
                SameRunnerBase = sameRunner,
                CurrentEstimate = cur is null ? null : RunEstimate.From(cur),
                BaselineEstimate = bas is null ? null : RunEstimate.From(bas),
                History = HistoryReference.Build(points, options.Statistics),
                Rounds = input.Rounds.IsDefaultOrEmpty || cur is null ? null : PairedRounds.From(key, input.Rounds),
                WarningPercent = rule?.WarningPercent ?? options.Thresholds.WarningPercent,
                FailPercent = rule?.FailPercent ?? options.Thresholds.FailPercent,
            };
        });

        var list = ImmutableArray.CreateBuilder<BenchmarkEvidence>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (built[i] is { } e)
            {
                list.Add(e);
            }
            else
            {
                notes.Add($"Ignored by configuration ({rules[i]!.Match}): {keys[i]}");
            }
        }

        return list.ToImmutable();
    }

    /// <summary>A benchmark that disappeared and one that appeared with the same method, parameters and job (or type, parameters and job) are probably one renamed.</summary>
    private static ImmutableArray<BenchmarkEvidence> DetectRenames(ImmutableArray<BenchmarkEvidence> evidence)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = evidence.Where(c => c.Current is null && c.Baseline is not null).ToList();
        foreach (var a in evidence.Where(c => c.Baseline is null && c.Current is not null && c.History is null))
        {
            var id = a.Current!.Id;
            var matches = removed.Where(r =>
            {
                var old = r.Baseline!.Id;
                return old.Parameters == id.Parameters && old.Job == id.Job && (old.Method == id.Method || old.Type == id.Type);
            }).ToList();
            if (matches.Count == 1)
            {
                notes[a.Key] = $"possibly renamed from {matches[0].Key}";
                notes[matches[0].Key] = $"possibly renamed to {a.Key}";
                removed.Remove(matches[0]);
            }
        }

        return notes.Count == 0 ? evidence : [.. evidence.Select(e => notes.TryGetValue(e.Key, out var n) ? e with { RenameNote = n } : e)];
    }

    /// <summary>The suite's median history variance over benchmarks with at least 3 kept runs (at least 3 of them); null otherwise.</summary>
    private static double? SuiteHistoryVariance(ImmutableArray<BenchmarkEvidence> evidence)
    {
        var variances = evidence.Where(e => e.History is { Count: >= 3, Variance: not null }).Select(e => e.History!.Variance!.Value).ToArray();
        return variances.Length >= 3 ? Quantiles.Median(variances) : null;
    }

    /// <summary>
    /// The references that apply: the same-runner base in an A/B run; the committed baseline and the rolling history
    /// always, each wrapped in the runner-shift correction in a single run (never in an A/B run: the pairing already
    /// removes the runner).
    /// </summary>
    private static List<IReference> References(GateInput input, ImmutableArray<BenchmarkEvidence> evidence, bool mismatch, bool ab, List<string> notes, List<RunnerShift> shifts)
    {
        var options = input.Options;
        IReference baseline = new CommittedBaselineReference(mismatch);
        IReference history = new RollingHistoryReference(options.Statistics);
        if (ab)
        {
            return [new SameRunnerReference(), baseline, history];
        }

        var judged = evidence.Where(e => e.Noise is not null).ToList();
        if (judged.Count == 0)
        {
            return [baseline, history];
        }

        var typicalVariance = Quantiles.Median([.. judged.Select(e => e.Noise!.RunVariance)]);
        var cap = RunnerShift.SeenInHistory(evidence.Select(e => e.History).OfType<HistoryReference>());
        var steady = judged.Where(e => !AllocationChanged(e, options)).ToList();
        var references = new List<IReference>();
        foreach (var (reference, variance, against) in new[] { (baseline, 2 * typicalVariance, "the baseline"), (history, typicalVariance, "the history") })
        {
            var changes = steady.Select(reference.Compare).OfType<Comparison>().Select(c => c.MeasuredLogChange).ToArray();
            if (RunnerShift.Detect(changes, variance, options.Thresholds, cap) is { } shift)
            {
                shifts.Add(shift);
                references.Add(new ShiftCorrectedReference(reference, shift, e => !AllocationChanged(e, options)));
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The whole suite moved {shift.Percent:+0.0;-0.0}% against {against} ({shift.Benchmarks} benchmarks with unchanged allocations, most the same way). ") +
                    (shift.Capped
                        ? string.Create(CultureInfo.InvariantCulture, $"The history has seen the suite move at most {(Math.Exp(shift.CapLogShift!.Value) - 1) * 100:0.0}% between its own runs, so only that much was taken as the runner's; the rest is judged. ")
                        : shift.CapLogShift is null
                            ? "With no history to bound it, the shift was taken as the runner's and any benchmark it took below the fail threshold is marked undecided. "
                            : "That is within what the history has seen, so it was taken as the runner's; benchmarks it took below the fail threshold are marked undecided. ") +
                    "Only an A/B run (perfgate ab: base and head side by side on one runner) can tell the runner from the code.");
            }
            else
            {
                references.Add(reference);
            }
        }

        return references;
    }

    /// <summary>
    /// The disturbance of a single run (<see cref="RunDisturbance"/>): its benchmarks' log distances from their history
    /// medians against the spread of the history's own runs.
    /// </summary>
    private static RunDisturbance? Disturbance(ImmutableArray<BenchmarkEvidence> evidence, GateOptions options)
    {
        // Every benchmark with history, allocations changed or not: a code change moves a few benchmarks (which the median
        // absolute deviation shrugs off) or all of them alike (which does not scatter); only a disturbed runner scatters all.
        var withHistory = evidence.Where(e => e.History is { Count: >= 3 } && e.CurrentEstimate is not null).ToList();
        return RunDisturbance.Detect(
            [.. withHistory.Select(e => e.CurrentEstimate!.LogValue - e.History!.LogMedian)],
            evidence.Select(e => e.History).OfType<HistoryReference>(),
            options.Thresholds.WarningPercent);
    }

    /// <summary>
    /// A single run whose time is within the range main's own recorded runs produced (every run of the history window,
    /// outliers included; "within" allowing the warning threshold beyond its top, the size of change the gate treats as
    /// noise anyway) cannot fail on time: a process-level mode that main itself has shown — a bimodal benchmark's
    /// slow mode, a spike the window still holds — is not a regression one run can demonstrate. The outlier removal
    /// that keeps the history's median and spread robust would otherwise hide that mode and make its return look like
    /// a change. It is still a warning when above the fail threshold (undecided), never a quiet pass.
    /// </summary>
    private static Comparison WithinMainsRange(BenchmarkEvidence e, Comparison c)
    {
        if (c.Tier is not (Tier.History or Tier.Baseline) || c.CannotFailReason is not null ||
            e is not { History.Values: { Length: >= 3 } values, CurrentEstimate: { } now })
        {
            return c;
        }

        var top = values.Max();
        if (now.Value > top * (1 + (e.WarningPercent / 100)))
        {
            return c;
        }

        return c with
        {
            CannotFailReason = string.Create(CultureInfo.InvariantCulture,
                $"this run ({Units.Time(now.Value)}) is within what main's own recorded runs produced (up to {Units.Time(top)} in the last {values.Length}, plus the {e.WarningPercent:0.#}% warning margin); only an A/B run can tell"),
        };
    }

    /// <summary>
    /// Marks each benchmark's deciding comparison: the best reference (<see cref="Comparison.DecidingOrder"/>) among
    /// those that could fail, else the best one; the others inform and cannot fail.
    /// </summary>
    private static ImmutableArray<Comparison> Decide(ImmutableArray<Comparison> comparisons) =>
        [.. comparisons.GroupBy(c => c.Key, StringComparer.Ordinal).SelectMany(group =>
        {
            var deciding = group
                .OrderBy(c => c.CannotFailReason is null ? 0 : 1)
                .ThenBy(c => Comparison.DecidingOrder(c.Tier))
                .First();
            return group.Select(c => ReferenceEquals(c, deciding)
                ? c with { Decides = true }
                : c with { CannotFailReason = c.CannotFailReason ?? $"{deciding.Against} decides this benchmark's time" });
        })];

    private static ImmutableArray<Finding> Judge(BenchmarkEvidence e, IEnumerable<CorrectedComparison> comparisons, GateOptions options, double alpha, double perTestAlpha, bool offBaselineBranch)
    {
        var t = options.Thresholds;
        var cur = e.Current;
        var findings = ImmutableArray.CreateBuilder<Finding>();
        if (cur is null || cur.FailedToRun)
        {
            return findings.ToImmutable();
        }

        // A metric target without a benchmark glob also applies to a custom metric attached to this benchmark.
        foreach (var match in TargetMatcher.ForBenchmark(options.Targets, e.Key, cur.Metrics))
        {
            if (match.Metric is { } m)
            {
                findings.Add(TargetMatcher.Judge(match.Target, m.Id, m.Value, m.Unit, t.CriticalFactor, m.BiggerIsBetter));
            }
            else if (e.CurrentEstimate is { } estimate)
            {
                findings.Add(TargetMatcher.Judge(match.Target, "time", estimate.Value, "ns", t.CriticalFactor));
            }
        }

        // Allocations against the same-runner base's or the baseline's figure; a benchmark neither measures (added
        // since, or a baseline without memory diagnostics) is held to the median of its recorded main runs instead.
        var against = e.SameRunnerBase is not null ? " (against the base measured on this runner)" : "";
        if (e.ExactReference is { AllocatedBytesPerOperation: { } baseAlloc })
        {
            if (cur.AllocatedBytesPerOperation is { } curAlloc &&
                ExactRule.Judge("allocated", "B", baseAlloc, curAlloc, false, options.Allocations, e.WarningPercent, e.FailPercent, t.CriticalFactor) is { } alloc)
            {
                findings.Add(alloc with { Message = alloc.Message + against });
            }
        }
        else if (e.History is { AllocatedBytes: { } historyAlloc } recorded && cur.AllocatedBytesPerOperation is { } curAlloc &&
                 ExactRule.Judge("allocated", "B", historyAlloc, curAlloc, false, options.Allocations, e.WarningPercent, e.FailPercent, t.CriticalFactor) is { } alloc)
        {
            findings.Add(alloc with
            {
                Message = alloc.Message + string.Create(CultureInfo.InvariantCulture, $" (against the median of {recorded.AllocationRuns} recorded runs; the baseline has no allocation figure)"),
            });
        }

        if (e.ExactReference is { } reference)
        {
            foreach (var m in cur.Metrics.Where(m => m.Deterministic && IsCustomMetric(m)))
            {
                if (reference.Metrics.FirstOrDefault(x => x.Id == m.Id) is { } old &&
                    ExactRule.Judge(m.Id, m.Unit, old.Value, m.Value, m.BiggerIsBetter, options.Metrics, e.WarningPercent, e.FailPercent, t.CriticalFactor) is { } f)
                {
                    findings.Add(f);
                }
            }
        }

        if (e.CurrentEstimate is not { } now)
        {
            return findings.ToImmutable();
        }

        foreach (var c in comparisons.OrderBy(c => Comparison.DecidingOrder(c.Comparison.Tier)))
        {
            if (StatisticalRule.Judge(c, e, options, alpha, perTestAlpha) is { } finding)
            {
                findings.Add(finding);
            }
        }

        if (!offBaselineBranch && e.History is { } h && TrendRule.Find(h, now, options) is { } step)
        {
            findings.Add(TrendRule.ToFinding(step, now));
        }

        return findings.ToImmutable();
    }

    /// <summary>True when the allocations per operation moved beyond the exact-figure tolerance: the code changed.</summary>
    private static bool AllocationChanged(BenchmarkEvidence e, GateOptions options) =>
        e.ExactReference?.AllocatedBytesPerOperation is { } before && e.Current?.AllocatedBytesPerOperation is { } after &&
        !options.Allocations.Tolerates(before, after);

    private static bool IsCustomMetric(MetricValue m) =>
        !m.Id.Contains("Gen", StringComparison.OrdinalIgnoreCase) && !m.Id.Contains("Alloc", StringComparison.OrdinalIgnoreCase);

    private static BenchmarkVerdict ToVerdict(
        BenchmarkEvidence e,
        CorrectedComparison? deciding,
        ImmutableArray<Finding> findings,
        GateOptions options,
        double alpha,
        double perTestAlpha,
        int screeningRounds)
    {
        if (e.RenameNote is not null)
        {
            findings = findings.Add(new Finding { Tier = Tier.Baseline, Severity = Severity.Ok, Metric = "id", Message = e.RenameNote });
        }

        var history = e.History?.Values ?? [];
        if (e.Current is null)
        {
            return new BenchmarkVerdict
            {
                Id = e.Key,
                DisplayName = e.DisplayName,
                Kind = ChangeKind.Removed,
                Baseline = e.BaselineEstimate?.Value,
                BaselineAllocatedBytes = e.Baseline?.AllocatedBytesPerOperation,
                BaselineLaunches = e.BaselineEstimate?.Launches ?? 0,
                History = history,
                Findings = findings,
                FilterPattern = e.FilterPattern,
            };
        }

        if (e.Current.FailedToRun)
        {
            return new BenchmarkVerdict
            {
                Id = e.Key,
                DisplayName = e.DisplayName,
                Kind = ChangeKind.FailedToRun,
                Severity = Severity.Warning,
                Baseline = e.BaselineEstimate?.Value,
                History = history,
                FilterPattern = e.FilterPattern,
                Findings = findings.Add(new Finding
                {
                    Tier = Tier.Baseline,
                    Severity = Severity.Warning,
                    Metric = "time",
                    Message = "the benchmark produced no measurements in this run (it threw or was cancelled); see the BenchmarkDotNet log",
                }),
            };
        }

        var c = deciding?.Comparison;
        var severity = findings.Select(f => f.Severity).DefaultIfEmpty(Severity.Ok).Max();
        var fails = findings.Any(f => f.Fails);
        double? mde = null;
        var tooNoisy = false;
        string? advice = null;
        (double Lower, double Upper)? interval = null;
        double? change = null;
        if (c is not null)
        {
            // Shown as measured: a runner-shift adjustment is explained in the finding, never hidden in the figure.
            var measured = c.Test with { LogChange = c.MeasuredLogChange };
            change = measured.ChangePercent;
            interval = measured.IntervalPercent(0.95);
            mde = c.Test.MinimumDetectablePercent(perTestAlpha, options.Statistics.Power, e.FailPercent);

            // "Too noisy" is a claim about this benchmark's measured noise, not about the prior the gate starts with:
            // judged from the evidence alone (history, launches or rounds), once there are at least 2 degrees of freedom of it.
            var noise = c.Tier == Tier.SameRunner ? e.PairedNoise : e.Noise;
            if (noise is { EvidenceVariance: { } own, EvidenceDegreesOfFreedom: >= 2 })
            {
                var scale = Math.Sqrt(own / noise.RunVariance);
                var ownTest = c.Test with { StandardError = c.Test.StandardError * scale, DegreesOfFreedom = noise.EvidenceDegreesOfFreedom };
                var ownMde = ownTest.MinimumDetectablePercent(perTestAlpha, options.Statistics.Power, e.FailPercent);
                tooNoisy = ownMde > e.FailPercent * options.Thresholds.CriticalFactor;

                // The figure a "too noisy" label quotes is the one that made it too noisy.
                mde = tooNoisy ? Math.Max(mde.Value, ownMde) : mde;
            }

            if (tooNoisy)
            {
                advice = Advice(e, c, options, mde.Value);
            }
        }

        // Only where it explains something (a benchmark too noisy, undecided or failing): the mvalue costs a histogram per benchmark.
        var worthExplaining = tooNoisy || findings.Any(f => f.Metric == "time" && f.Severity >= Severity.Warning);
        if (worthExplaining && Modality.MValue(e.Current.AllValues) is >= Modality.MultimodalMValue and var mValue)
        {
            findings = findings.Add(new Finding
            {
                Tier = c?.Tier ?? Tier.Baseline,
                Severity = Severity.Ok,
                Metric = "time",
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"the measurements look multimodal (mvalue {mValue:0.0}, Perfolizer): the median can jump between modes from one process to the next; more launches or rounds average over them"),
            });
        }

        var (outcome, outcomeText, suspect) = Outcome(e, deciding, options, alpha, mde, screeningRounds);
        return new BenchmarkVerdict
        {
            Id = e.Key,
            DisplayName = e.DisplayName,
            Kind = KindOf(e, c, findings),
            Severity = severity,
            Fails = fails,
            Baseline = c?.ReferenceNs ?? e.BaselineEstimate?.Value,
            Current = e.CurrentEstimate?.Value,
            ChangePercent = change,
            ChangeLowerPercent = interval?.Lower,
            ChangeUpperPercent = interval?.Upper,
            MinimumDetectableChangePercent = mde,
            TooNoisy = tooNoisy,
            NoiseAdvice = advice,
            BaselineAllocatedBytes = e.ExactReference?.AllocatedBytesPerOperation,
            CurrentAllocatedBytes = e.Current.AllocatedBytesPerOperation,
            History = history,
            Findings = findings,
            CurrentLaunches = e.CurrentEstimate?.Launches ?? 0,
            BaselineLaunches = c?.ReferenceLaunches ?? e.BaselineEstimate?.Launches ?? 0,
            Rounds = e.Rounds?.Count,
            Outcome = outcome,
            OutcomeText = outcomeText,
            Suspect = suspect,
            FilterPattern = e.FilterPattern,
        };
    }

    /// <summary>
    /// Where an A/B benchmark stands (SPEC §3b): confirmed when the deciding same-runner test fails it, cleared when
    /// the one-sided upper bound of its change is below the fail threshold, undecided otherwise. A suspect (worth
    /// confirmation rounds) is confirmed, or undecided with a change above the warning threshold.
    /// </summary>
    private static (AbOutcome? Outcome, string? Text, bool Suspect) Outcome(BenchmarkEvidence e, CorrectedComparison? deciding, GateOptions options, double alpha, double? mde, int screeningRounds)
    {
        if (deciding is not { Comparison: { Tier: Tier.SameRunner } c } || e.Rounds is not { } pairs)
        {
            return (null, null, false);
        }

        var change = c.Test.ChangePercent;
        var aboveFloor = Math.Abs(c.CurrentNs - c.ReferenceNs) >= options.Statistics.NoiseFloorNanoseconds;
        var n = pairs.Count;
        var rounds = n == 1 ? "1 round" : $"{n} rounds";
        if (change > e.FailPercent && deciding.FailP < alpha && aboveFloor)
        {
            return (AbOutcome.Confirmed, $"confirmed over {rounds}", true);
        }

        if (c.Test.UpperBoundPercent(alpha) < e.FailPercent || !aboveFloor)
        {
            return (AbOutcome.Cleared, n > screeningRounds && screeningRounds > 0 ? $"cleared after {rounds}" : $"cleared in {rounds}", false);
        }

        var detects = mde is { } m ? string.Create(CultureInfo.InvariantCulture, $": detects ≥ {m:0}%") : "";
        return (AbOutcome.Undecided, $"undecided after {rounds}{detects}", change > e.WarningPercent);
    }

    private static ChangeKind KindOf(BenchmarkEvidence e, Comparison? primary, ImmutableArray<Finding> findings)
    {
        if (primary is null && e.Baseline is null && e.SameRunnerBase is null)
        {
            return ChangeKind.New;
        }

        var slower = findings.Any(f => f.Severity >= Severity.Warning && f.Tier is Tier.Baseline or Tier.History or Tier.SameRunner or Tier.Exact or Tier.Target && (f.ChangePercent ?? 1) > 0);
        if (slower)
        {
            return ChangeKind.Regression;
        }

        var faster = findings.Any(f => f.Severity == Severity.Ok && f.Tier is Tier.Baseline or Tier.History or Tier.SameRunner && f.ChangePercent < 0);
        return faster && primary is not null ? ChangeKind.Improvement : ChangeKind.Unchanged;
    }

    private static string Advice(BenchmarkEvidence e, Comparison deciding, GateOptions options, double mde)
    {
        var ab = deciding.Tier == Tier.SameRunner;
        var noise = ab ? e.PairedNoise! : e.Noise!;
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{(ab ? "round-to-round" : "run-to-run")} noise ±{noise.RunNoisePercent:0.#}% ({noise.Source}); the smallest slowdown it can catch reliably is {mde:0}%"),
        };
        if (ab)
        {
            parts.Add("run more rounds (perfgate ab --rounds, or a larger --max-minutes for confirmation rounds)");
            return string.Join("; ", parts);
        }

        var historyRuns = e.History?.Count ?? 0;
        if (historyRuns < options.Statistics.HistoryWindow)
        {
            parts.Add($"record more main-branch runs (perfgate check --record; {historyRuns} of {options.Statistics.HistoryWindow} so far)");
        }

        parts.Add((e.CurrentEstimate?.Launches ?? 1) < 3
            ? "run more launches (the benchmarks' --ci job runs 3; BenchmarkDotNet's --launchCount), or measure base and head side by side (perfgate ab)"
            : "more launches, a quieter runner, or base and head side by side (perfgate ab)");
        return string.Join("; ", parts);
    }

    /// <summary>Applies the acknowledgement rule to a benchmark's findings (docs/alerts.md).</summary>
    private static ImmutableArray<Finding> Acknowledge(BenchmarkEvidence e, ImmutableArray<Finding> findings, AcknowledgementRule acknowledgements, GateOptions options)
    {
        if (acknowledgements.IsEmpty)
        {
            return findings;
        }

        var slack = options.Thresholds.AcknowledgementSlackPercent ?? e.WarningPercent;
        return [.. findings.Select(f =>
        {
            var biggerIsBetter = e.Current?.Metrics.FirstOrDefault(m => m.Id == f.Metric) is { } m && IsBiggerBetter(m, options);
            return acknowledgements.Apply(f, e.Key, biggerIsBetter, slack);
        })];
    }

    /// <summary>Time and allocations are smaller-is-better; a metric is bigger-is-better when it says so or a target for it does.</summary>
    private static bool IsBiggerBetter(MetricValue m, GateOptions options) =>
        m.BiggerIsBetter || options.Targets.Any(t => t.Metric == m.Id && t.BiggerIsBetter);

    /// <param name="reference">The run whose run-level figures are the reference: the same-runner base in an A/B run, else the committed baseline.</param>
    private static ImmutableArray<MetricVerdict> JudgeRunMetrics(GateInput input, BenchmarkRun? reference, GateOptions options, AcknowledgementRule acknowledgements)
    {
        var t = options.Thresholds;
        var old = reference?.Metrics.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First()) ?? [];
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
        bool ab,
        ImmutableArray<BenchmarkEvidence> evidence,
        ImmutableArray<BenchmarkVerdict> verdicts,
        (double Variance, string Source) prior,
        List<string> notes)
    {
        if (ab)
        {
            var rounds = input.Rounds.Length;
            var confirmation = input.ScreeningRounds > 0 ? rounds - input.ScreeningRounds : 0;
            notes.Add(confirmation > 0
                ? $"Same-runner A/B: {rounds} rounds ({input.ScreeningRounds} for every benchmark, {confirmation} confirmation rounds for the suspects); time is judged against the base measured on this runner, paired by round. The committed baseline and the history are shown but do not decide time."
                : $"Same-runner A/B: {rounds} round(s); time is judged against the base measured on this runner, paired by round. The committed baseline and the history are shown but do not decide time.");
            var undecided = verdicts.Where(v => v.Outcome == AbOutcome.Undecided && v.ChangePercent > options.Thresholds.FailPercent).ToList();
            if (undecided.Count > 0)
            {
                notes.Add($"{undecided.Count} benchmark(s) may be slower than the {options.Thresholds.FailPercent:0.#}% fail threshold but the rounds cannot tell yet ({string.Join(", ", undecided.Take(3).Select(v => v.DisplayName))}): run more rounds.");
            }
        }
        else if (input.Baseline is null)
        {
            notes.Add("No baseline was given: only the history and the targets could judge this run.");
        }

        if (mismatch && input.Baseline is not null)
        {
            notes.Add($"The baseline was measured on a different machine or runtime ({input.Baseline.Host.Key}) than this run ({input.Current.Host.Key}): baseline comparisons are shown but cannot fail the build.");
        }
        else if (input.Baseline is not null && input.Baseline.Host.Detail != input.Current.Host.Detail && input.Baseline.Host != HostFingerprint.Unknown)
        {
            notes.Add($"The baseline's machine matches this run's on what changes timings, but not in every detail ({input.Baseline.Host.Detail} vs {input.Current.Host.Detail}): a runtime patch or OS build, noted, not a different machine.");
        }

        if (input.Baseline is not null && evidence.Length > 0 && evidence.All(e => e.Current is null || e.Baseline is null))
        {
            notes.Add("No benchmark of this run appears in the baseline: is the baseline from another project, or were all benchmarks renamed?");
        }

        if (input.Current.Detail == ResultDetail.StatisticsOnly)
        {
            notes.Add("These results hold statistics only (BenchmarkDotNet's brief exporter): no raw measurements or launches; use JsonExporter.Full for better between-run evidence.");
        }

        var learning = ab ? [] : verdicts.Where(v => !v.TooNoisy && v.MinimumDetectableChangePercent > options.Thresholds.CriticalPercent).ToList();
        if (learning.Count > 0)
        {
            var typical = learning.Select(v => v.MinimumDetectableChangePercent!.Value).Order().ElementAt(learning.Count / 2);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{learning.Count} benchmark(s) have too little measured run-to-run evidence yet: until main-branch runs are recorded (perfgate check --record on main) the gate assumes ±{options.Statistics.AssumedRunToRunNoisePercent:0.#}% noise and only catches slowdowns above about {typical:0}%; an A/B run (perfgate ab) needs no history."));
        }

        var noisy = verdicts.Count(v => v.TooNoisy);
        if (noisy > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{noisy} benchmark(s) are too noisy to catch a {options.Thresholds.FailPercent * options.Thresholds.CriticalFactor:0}% slowdown reliably; each says what would help."));
        }

        var historyRuns = evidence.Select(e => e.History?.Count ?? 0).DefaultIfEmpty(0).Max();
        if (!ab && historyRuns == 0 && learning.Count == 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"No main-branch history yet: run-to-run noise is assumed ({prior.Source}) until recorded runs show it."));
        }

        notes.AddRange(input.Current.Warnings);
    }
}
